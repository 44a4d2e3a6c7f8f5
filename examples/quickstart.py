#!/usr/bin/env python3
"""One prediction through Reviewstream's standalone mode, with ordinary clients only.

Produces a low-confidence prediction for the demo flow with confluent-kafka, answers its task through the
worker API as the demo worker, waits for the completion event on rs.loop-completed (decoded through the
schema registry's Confluent-compatible REST API) and prints the output.json it points to, read with boto3.

On Debian: apt-get install python3-confluent-kafka python3-avro python3-boto3; run with /usr/bin/python3.
"""
import base64
import io
import json
import struct
import sys
import time
import urllib.request
import uuid

import avro.io
import avro.schema
import boto3
from confluent_kafka import Consumer, Producer

KAFKA = "localhost:9092"
REGISTRY = "http://localhost:8081/apis/ccompat/v7"
PORTAL = "http://localhost:8090"
S3 = "http://localhost:9000"
WORKER = base64.b64encode(b"demo-worker:demo-password").decode()


def worker_api(path, body=None):
    request = urllib.request.Request(PORTAL + path, method="POST", data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Basic " + WORKER, "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return response.status, response.read()


def decode(value):
    """Confluent framing: magic byte 0, a 4-byte schema id, then Avro binary written with that schema."""
    _, schema_id = struct.unpack(">bI", value[:5])
    with urllib.request.urlopen(f"{REGISTRY}/schemas/ids/{schema_id}") as response:
        schema = avro.schema.parse(json.load(response)["schema"])
    return avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))


def main():
    prediction_id = "quickstart-" + uuid.uuid4().hex[:8]
    producer = Producer({"bootstrap.servers": KAFKA})
    producer.produce("rs.predictions", key=prediction_id, value=json.dumps({
        "predictionId": prediction_id,
        "flowDefinitionName": "demo-flow",
        "inputContent": {"label": "cat", "confidence": 0.42},
    }))
    producer.flush()
    print("produced", prediction_id)

    task = None
    for _ in range(24):
        # the call waits up to 5 s for a task to open before it answers 204
        status, body = worker_api("/api/worker/tasks/next?waitSeconds=5")
        if status == 200:
            task = json.loads(body)
            if task["loopName"] == prediction_id:
                break
            worker_api(f"/api/worker/tasks/{task['id']}/release")
        time.sleep(0.5)
    if task is None or task["loopName"] != prediction_id:
        sys.exit("no task arrived for " + prediction_id)
    print("claimed task", task["id"], "input", task["input"])
    worker_api(f"/api/worker/tasks/{task['id']}/answer", {"answerContent": {"category": {"label": "dog"}}})

    consumer = Consumer({"bootstrap.servers": KAFKA, "group.id": "quickstart-" + prediction_id,
                         "auto.offset.reset": "earliest", "isolation.level": "read_committed"})
    consumer.subscribe(["rs.loop-completed"])
    deadline = time.time() + 60
    output_uri = None
    while output_uri is None and time.time() < deadline:
        message = consumer.poll(1)
        if message is None or message.error():
            continue
        event = decode(message.value())
        if event["humanLoopName"] == prediction_id:
            print("completed", event["humanLoopStatus"], event["outputS3Uri"])
            output_uri = event["outputS3Uri"]
    consumer.close()
    if output_uri is None:
        sys.exit("no completion event for " + prediction_id)

    bucket, key = output_uri[len("s3://"):].split("/", 1)
    s3 = boto3.client("s3", endpoint_url=S3, region_name="us-east-1",
                      aws_access_key_id="reviewstream", aws_secret_access_key="reviewstream-secret")
    print(json.dumps(json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read()), indent=2))


if __name__ == "__main__":
    main()
