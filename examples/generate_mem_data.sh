#!/bin/sh
# Prints one day of `mem` measurements as line protocol, for trying the downsampling task
# (examples/downsample.flux): hosts myHost, web01 and db01, one point every 10 seconds from END - 24h
# up to (not including) END, with fields used_percent (float), available and free (integers, bytes).
# The values follow a daily curve plus deterministic noise, so every run prints the same data.
#
#   sh examples/generate_mem_data.sh 2024-01-02T00:00:00Z | fluxi write --bucket example-bucket --create-bucket
#
# END is an RFC3339 UTC time (YYYY-MM-DDTHH:MM:SSZ). Needs only a POSIX sh and awk.
set -eu

if [ "$#" -ne 1 ]; then
    echo "usage: sh generate_mem_data.sh END   (END as YYYY-MM-DDTHH:MM:SSZ, e.g. 2024-01-02T00:00:00Z)" >&2
    exit 2
fi

awk -v end="$1" '
function fail(msg) {
    print "generate_mem_data.sh: " msg > "/dev/stderr"
    exit 2
}
# Days since 1970-01-01 of a proleptic Gregorian date (valid for years >= 0).
function days_from_civil(y, m, d,    era, yoe, doy, doe) {
    if (m <= 2) y -= 1
    era = int(y / 400)
    yoe = y - era * 400
    doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return era * 146097 + doe - 719468
}
# Park-Miller generator: a value in [0, 1) from the state of host h.
function rnd(h) {
    seed[h] = (seed[h] * 16807) % 2147483647
    return seed[h] / 2147483647
}
BEGIN {
    if (end !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z$/)
        fail("END must look like 2024-01-02T00:00:00Z (RFC3339, UTC), got \"" end "\"")
    y = substr(end, 1, 4) + 0; mo = substr(end, 6, 2) + 0; d = substr(end, 9, 2) + 0
    hh = substr(end, 12, 2) + 0; mi = substr(end, 15, 2) + 0; ss = substr(end, 18, 2) + 0
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mi > 59 || ss > 59)
        fail("END " end " is not a valid time at or after 1970-01-01T00:00:00Z")
    stop = days_from_civil(y, mo, d) * 86400 + hh * 3600 + mi * 60 + ss
    if (stop < 86400) fail("END must be at least one day after 1970-01-01T00:00:00Z")

    nhosts = split("myHost web01 db01", host, " ")
    for (h = 1; h <= nhosts; h++) {
        seed[h] = 12345 * h
        base[h] = 35 + 10 * h          # mean used_percent of the host
        total[h] = 8589934592 * h      # 8, 16 and 24 GiB
    }
    pi = 3.141592653589793
    for (t = stop - 86400; t < stop; t += 10) {
        phase = 2 * pi * (t % 86400) / 86400
        for (h = 1; h <= nhosts; h++) {
            used = base[h] + 12 * sin(phase + h) + 4 * (rnd(h) - 0.5)
            available = total[h] * (100 - used) / 100
            free = available * (0.55 + 0.1 * rnd(h))
            printf "mem,host=%s used_percent=%.3f,available=%.0fi,free=%.0fi %.0f000000000\n", \
                host[h], used, available, free, t
        }
    }
}'
