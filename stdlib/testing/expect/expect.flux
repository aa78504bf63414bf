package expect


builtin planner : (rules: [string:int]) => {}
