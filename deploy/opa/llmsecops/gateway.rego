# Decision for the LLMSecOps gateway, asked before a request goes upstream:
#   POST /v1/data/llmsecops/gateway/decision   {"input": {...}}
# The gateway reads result.allow and result.reasons (or result.deny). The input document is
# described in docs/serve.md ("OPA").
package llmsecops.gateway

import rego.v1

default decision := {"allow": true, "reasons": []}

decision := {"allow": false, "reasons": sort(deny)} if count(deny) > 0

# Models each tenant may use. Tenants not listed may use any model.
tenant_models := {"meridian": {"gpt-4o", "gpt-4o-mini", "demo-assistant"}}

# Tools only the ops role may be offered.
ops_tools := {"shell", "refund_booking", "read_file"}

deny contains msg if {
	allowed := tenant_models[input.principal.tenant]
	not input.model in allowed
	msg := sprintf("tenant %s may not use model %s", [input.principal.tenant, input.model])
}

deny contains msg if {
	some tool in input.tools.offered
	tool in ops_tools
	not "ops" in input.principal.roles
	msg := sprintf("tool %s is reserved for the ops role", [tool])
}

deny contains msg if {
	input.principal.api_key_id == null
	input.stream == true
	msg := "anonymous callers may not stream"
}

deny contains msg if {
	some f in input.findings
	f.action == "flag"
	f.severity in {"high", "critical"}
	not "reviewer" in input.principal.roles
	msg := sprintf("a flagged %s finding needs the reviewer role", [f.category])
}

deny contains msg if {
	count(input.tools.removed) > 2
	msg := "too many disallowed tools offered; the caller looks misconfigured or hostile"
}
