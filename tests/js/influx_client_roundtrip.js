// Drives `fluxi serve` with the official InfluxDB 2 JavaScript client (tests/serve_js_client_test.cpp):
// writes points with WriteApi, runs Flux with QueryApi (rows and raw CSV), and prints what it read as
// one JSON line. Usage: node influx_client_roundtrip.js URL TOKEN BUCKET
'use strict';
const {InfluxDB, Point, HttpError} = require('@influxdata/influxdb-client');

async function main() {
  const [url, token, bucket] = process.argv.slice(2);
  const client = new InfluxDB({url, token, timeout: 20000});
  const org = 'my-org';
  const writeApi = client.getWriteApi(org, bucket, 'ns', {maxRetries: 0, batchSize: 1000});
  const base = 1700000000000000000n;
  for (let i = 0; i < 250; i++) {
    const p = new Point('weather')
      .tag('station', i % 2 === 0 ? 'north' : 'south')
      .floatField('temp', i * 0.5)
      .intField('count', i)
      .stringField('note', i % 50 === 0 ? 'comma, "quoted"' : 'ok')
      .timestamp((base + BigInt(i) * 1000000000n).toString());
    writeApi.writePoint(p);
  }
  await writeApi.close();

  const queryApi = client.getQueryApi(org);
  const flux = `from(bucket: "${bucket}")
    |> range(start: 2023-11-01T00:00:00Z, stop: 2023-12-01T00:00:00Z)
    |> filter(fn: (r) => r._measurement == "weather" and r._field == "temp")
    |> group(columns: ["station"])
    |> sum()`;
  const sums = {};
  for await (const {values, tableMeta} of queryApi.iterateRows(flux)) {
    const o = tableMeta.toObject(values);
    sums[o.station] = o._value;
  }
  const notes = await queryApi.collectRows(
    `from(bucket: "${bucket}") |> range(start: 2023-11-01T00:00:00Z) |> filter(fn: (r) => r._field == "note" and r._value != "ok")`);
  const counted = await queryApi.collectRows(
    `from(bucket: "${bucket}") |> range(start: 2023-11-01T00:00:00Z) |> filter(fn: (r) => r._field == "count") |> group() |> count()`);
  let queryError = null;
  try {
    await queryApi.collectRows('from(bucket: "nope") |> range(start: 0)');
  } catch (e) {
    queryError = {status: e instanceof HttpError ? e.statusCode : null, message: e.message};
  }
  let writeError = null;
  const badWrite = client.getWriteApi(org, bucket, 'ns', {maxRetries: 0});
  badWrite.writeRecord('weather temp=');
  try {
    await badWrite.close();
  } catch (e) {
    writeError = {status: e instanceof HttpError ? e.statusCode : null, message: e.message};
  }
  console.log(JSON.stringify({
    sums,
    notes: notes.map((r) => ({time: r._time, value: r._value, station: r.station})),
    count: counted.map((r) => r._value),
    queryError,
    writeError,
  }));
}

main().catch((e) => {
  console.error('FAILED:', e && e.stack ? e.stack : e);
  process.exit(1);
});
