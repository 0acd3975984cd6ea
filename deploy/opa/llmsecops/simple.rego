# The smallest useful policy: a boolean answer. Point the gateway at it with
#   opa: { url: http://127.0.0.1:8181, path: llmsecops/simple/allow }
# Requests from callers without a tenant are refused; everything else follows the guards.
package llmsecops.simple

import rego.v1

default allow := false

allow if input.principal.tenant != null
