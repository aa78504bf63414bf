// date package constants: days of the week (Sunday = 0 .. Saturday = 6) and months (January = 1 ..
// December = 12), as returned by date.weekDay() and date.month().
#include "eval/builtin.h"

namespace fluxi {

#define FLUXI_DATE_CONSTANT(name, value) \
    FLUXI_VALUE("date", name, [] { return Value::integer(value); })

FLUXI_DATE_CONSTANT("Sunday", 0);
FLUXI_DATE_CONSTANT("Monday", 1);
FLUXI_DATE_CONSTANT("Tuesday", 2);
FLUXI_DATE_CONSTANT("Wednesday", 3);
FLUXI_DATE_CONSTANT("Thursday", 4);
FLUXI_DATE_CONSTANT("Friday", 5);
FLUXI_DATE_CONSTANT("Saturday", 6);
FLUXI_DATE_CONSTANT("January", 1);
FLUXI_DATE_CONSTANT("February", 2);
FLUXI_DATE_CONSTANT("March", 3);
FLUXI_DATE_CONSTANT("April", 4);
FLUXI_DATE_CONSTANT("May", 5);
FLUXI_DATE_CONSTANT("June", 6);
FLUXI_DATE_CONSTANT("July", 7);
FLUXI_DATE_CONSTANT("August", 8);
FLUXI_DATE_CONSTANT("September", 9);
FLUXI_DATE_CONSTANT("October", 10);
FLUXI_DATE_CONSTANT("November", 11);
FLUXI_DATE_CONSTANT("December", 12);

#undef FLUXI_DATE_CONSTANT

}  // namespace fluxi
