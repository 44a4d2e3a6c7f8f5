#!/usr/bin/env python3
"""A2I code with boto3, pointed at Reviewstream: only the endpoint and the credentials differ.

Creates a work team, a human task UI and a flow definition with the SageMaker client, previews the template with
RenderUiTemplate, then starts, lists, describes and stops human loops with the sagemaker-a2i-runtime client.
Runs against the standalone mode as it is; pass another endpoint as the first argument.

Needs boto3 (Debian: apt-get install python3-boto3).
"""
import json
import sys
import time
import uuid

import boto3

ENDPOINT = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8080"
CLIENT_ARGS = dict(endpoint_url=ENDPOINT, region_name="us-east-1",
                   aws_access_key_id="AKIAREVIEWSTREAMDEMO",
                   aws_secret_access_key="reviewstream-demo-secret-key")
ROLE = "arn:aws:iam::111122223333:role/reviewstream-demo"
TEMPLATE = """
<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <p>Is this claim fraudulent? Amount: {{ task.input.amount }}, note: {{ task.input.note }}</p>
  <crowd-radio-group>
    <crowd-radio-button name="fraud" value="fraud">Fraud</crowd-radio-button>
    <crowd-radio-button name="ok" value="ok">Not fraud</crowd-radio-button>
  </crowd-radio-group>
</crowd-form>
"""

sagemaker = boto3.client("sagemaker", **CLIENT_ARGS)
a2i = boto3.client("sagemaker-a2i-runtime", **CLIENT_ARGS)
run = uuid.uuid4().hex[:6]

team = sagemaker.create_workteam(
    WorkteamName=f"claims-{run}", Description="Claims reviewers",
    MemberDefinitions=[{"OidcMemberDefinition": {"Groups": ["demo-reviewers"]}}])["WorkteamArn"]
ui = sagemaker.create_human_task_ui(HumanTaskUiName=f"claims-ui-{run}",
                                    UiTemplate={"Content": TEMPLATE})["HumanTaskUiArn"]
preview = sagemaker.render_ui_template(HumanTaskUiArn=ui, RoleArn=ROLE,
                                       Task={"Input": json.dumps({"amount": 1200, "note": "<b>urgent</b>"})})
print("preview errors:", preview["Errors"], "- rendered", len(preview["RenderedContent"]), "characters")

flow = sagemaker.create_flow_definition(
    FlowDefinitionName=f"claims-{run}",
    HumanLoopConfig={"WorkteamArn": team, "HumanTaskUiArn": ui, "TaskTitle": "Review a claim",
                     "TaskDescription": "Decide whether the claim is fraudulent", "TaskCount": 1,
                     "TaskAvailabilityLifetimeInSeconds": 43200, "TaskTimeLimitInSeconds": 3600},
    OutputConfig={"S3OutputPath": "s3://reviewstream-output/claims"},
    RoleArn=ROLE)["FlowDefinitionArn"]
print("flow definition:", sagemaker.describe_flow_definition(FlowDefinitionName=f"claims-{run}")["FlowDefinitionStatus"])

for i in range(3):
    a2i.start_human_loop(HumanLoopName=f"claim-{run}-{i}", FlowDefinitionArn=flow,
                         HumanLoopInput={"InputContent": json.dumps({"amount": 100 * (i + 1), "note": f"claim {i}"})},
                         DataAttributes={"ContentClassifiers": ["FreeOfPersonallyIdentifiableInformation"]})
try:
    a2i.start_human_loop(HumanLoopName=f"claim-{run}-0", FlowDefinitionArn=flow,
                         HumanLoopInput={"InputContent": json.dumps({"amount": 1})})
except a2i.exceptions.ConflictException as e:
    print("same name, other input:", e.response["Error"]["Code"])

paginator = a2i.get_paginator("list_human_loops")
names = [loop["HumanLoopName"]
         for page in paginator.paginate(FlowDefinitionArn=flow, SortOrder="Ascending", PaginationConfig={"PageSize": 2})
         for loop in page["HumanLoopSummaries"]]
print("loops:", names)

loop = a2i.describe_human_loop(HumanLoopName=f"claim-{run}-0")
print("describe:", loop["HumanLoopStatus"], loop["CreationTime"].isoformat())

for name in names:
    a2i.stop_human_loop(HumanLoopName=name)
deadline = time.time() + 60
while time.time() < deadline:
    statuses = {a2i.describe_human_loop(HumanLoopName=name)["HumanLoopStatus"] for name in names}
    if statuses == {"Stopped"}:
        break
    time.sleep(0.5)
print("after stop:", statuses)
for name in names:
    a2i.delete_human_loop(HumanLoopName=name)

try:
    a2i.describe_human_loop(HumanLoopName=f"claim-{run}-0")
except a2i.exceptions.ResourceNotFoundException:
    print("deleted loops are gone")
sagemaker.delete_flow_definition(FlowDefinitionName=f"claims-{run}")
sagemaker.delete_human_task_ui(HumanTaskUiName=f"claims-ui-{run}")
print("work team deleted:", sagemaker.delete_workteam(WorkteamName=f"claims-{run}")["Success"])
