# Run with: opa test deploy/opa -v
package llmsecops.gateway_test

import rego.v1

import data.llmsecops.gateway

base := {
	"operation": "chat",
	"principal": {"user": "web", "tenant": "meridian", "api_key_id": "web", "client_ip": "10.1.2.3", "roles": ["app"]},
	"route": {"name": "default", "path": "/v1/chat/completions"},
	"model": "gpt-4o",
	"upstream": "openai",
	"stream": false,
	"findings": [],
	"tools": {"offered": ["get_weather"], "removed": []},
	"verdict": "allow",
}

test_ordinary_request_allowed if {
	gateway.decision.allow with input as base
}

test_other_model_denied if {
	d := gateway.decision with input as object.union(base, {"model": "o3"})
	not d.allow
	d.reasons == ["tenant meridian may not use model o3"]
}

test_ops_tool_needs_ops_role if {
	d := gateway.decision with input as object.union(base, {"tools": {"offered": ["shell"], "removed": []}})
	not d.allow
}

test_ops_role_may_use_ops_tool if {
	principal := object.union(base.principal, {"roles": ["app", "ops"]})
	gateway.decision.allow with input as object.union(base, {"principal": principal, "tools": {"offered": ["shell"], "removed": []}})
}

test_anonymous_stream_denied if {
	principal := object.union(base.principal, {"api_key_id": null})
	d := gateway.decision with input as object.union(base, {"principal": principal, "stream": true})
	not d.allow
}

test_high_flag_needs_reviewer if {
	findings := [{"category": "invisible_text", "rule": "x", "action": "flag", "severity": "high", "score": 1}]
	d := gateway.decision with input as object.union(base, {"findings": findings, "verdict": "flag"})
	not d.allow
	d.reasons == ["a flagged invisible_text finding needs the reviewer role"]
}
