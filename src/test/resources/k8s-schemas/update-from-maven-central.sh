#!/usr/bin/env bash
# Refreshes the schemas this folder takes from Maven Central (see README.md): the Kubernetes object schemas
# of fabric8's kubernetes-model, and Strimzi's KafkaTopic and KafkaUser CRDs. Needs Maven and python3; not
# part of the build. The KEDA and Prometheus Operator CRDs are copied by hand.
set -euo pipefail
cd "$(dirname "$0")"
FABRIC8=6.13.4
STRIMZI=0.49.0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fetch() { mvn -q -B dependency:copy -Dartifact="$1" -Dtransitive=false -DoutputDirectory="$work"; }

for module in kubernetes-model-core kubernetes-model-apps kubernetes-model-batch kubernetes-model-policy \
    kubernetes-model-networking; do
  fetch "io.fabric8:$module:$FABRIC8"
  mkdir -p "$work/$module"
  unzip -q -o "$work/$module-$FABRIC8.jar" schema/validation-schema.json -d "$work/$module"
done

# Strimzi's API jar ships its CRDs, generated with every served version, in its test jar.
fetch "io.strimzi:api:$STRIMZI:jar:tests"
unzip -q -o "$work/api-$STRIMZI-tests.jar" 'crds/v1beta2/043-Crd-kafkatopic.yaml' 'crds/v1beta2/044-Crd-kafkauser.yaml' -d "$work"
cp "$work/crds/v1beta2/043-Crd-kafkatopic.yaml" crds/kafka.strimzi.io_kafkatopics.yaml
cp "$work/crds/v1beta2/044-Crd-kafkauser.yaml" crds/kafka.strimzi.io_kafkausers.yaml

# One file: the kinds this project uses, and every definition they reach, without fabric8's Java hints.
python3 - "$work" "$FABRIC8" > "kubernetes/fabric8-kubernetes-model-$FABRIC8.json" <<'PY'
import json, sys
work, version = sys.argv[1], sys.argv[2]
kinds = {  # apiVersion/kind: (the module that owns it, its definition)
    "v1/ConfigMap": ("kubernetes-model-core", "kubernetes_core_ConfigMap"),
    "v1/Secret": ("kubernetes-model-core", "kubernetes_core_Secret"),
    "v1/Service": ("kubernetes-model-core", "kubernetes_core_Service"),
    "apps/v1/Deployment": ("kubernetes-model-apps", "kubernetes_apps_Deployment"),
    "batch/v1/CronJob": ("kubernetes-model-batch", "kubernetes_batch_v1_CronJob"),
    "batch/v1/Job": ("kubernetes-model-batch", "kubernetes_batch_v1_Job"),
    "policy/v1/PodDisruptionBudget": ("kubernetes-model-policy", "kubernetes_policy_v1_PodDisruptionBudget"),
    "networking.k8s.io/v1/NetworkPolicy": ("kubernetes-model-networking", "kubernetes_networking_v1_NetworkPolicy"),
}
java_hints = {"javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty"}
def plain(node):
    if isinstance(node, dict):
        return {k: plain(v) for k, v in node.items() if k not in java_hints}
    if isinstance(node, list):
        return [plain(v) for v in node]
    return node
def refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v.rsplit("/", 1)[-1]
            else:
                yield from refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from refs(v)
# each kind with the definitions it reaches in its own module; the modules name a few shared types differently,
# so a name two modules share must mean the same schema
needed = {}
for module, root in kinds.values():
    definitions = json.load(open(f"{work}/{module}/schema/validation-schema.json"))["definitions"]
    todo = [root]
    while todo:
        name = todo.pop()
        schema = plain(definitions[name])
        if needed.setdefault(name, schema) != schema:
            sys.exit(f"{module}: definition {name} differs from another module's")
        todo.extend(ref for ref in refs(schema) if ref not in needed)
json.dump({"source": f"io.fabric8 kubernetes-model-* {version}, schema/validation-schema.json",
           "kinds": {kind: root for kind, (module, root) in kinds.items()}, "definitions": dict(sorted(needed.items()))}, sys.stdout, indent=1)
print()
PY
echo "updated: kubernetes/fabric8-kubernetes-model-$FABRIC8.json, crds/kafka.strimzi.io_*.yaml"
