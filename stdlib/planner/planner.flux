package planner


// Options
builtin disablePhysicalRules : [string]
builtin disableLogicalRules : [string]
