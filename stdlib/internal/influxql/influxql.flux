package influxql
