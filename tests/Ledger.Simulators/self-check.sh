#!/usr/bin/env bash
# Hand-run smoke test of the simulators (not part of the test suite): starts them and a dummy Ledger
# receiver on 127.0.0.1, then checks auth, faults, Shopify fulfilment errors, signed webhooks and ShipX.
# Usage: tests/Ledger.Simulators/self-check.sh   (SIM_PORT / RECV_PORT override the ports)
set -euo pipefail
cd "$(dirname "$0")"
SIM_PORT=${SIM_PORT:-5391}
RECV_PORT=${RECV_PORT:-5481}
WORK=$(mktemp -d)
B=http://127.0.0.1:$SIM_PORT
FAILED=0

cat > "$WORK/receiver.py" <<'EOF'
import base64, hashlib, hmac, http.server, json, sys
SECRETS = {"/webhooks/shopify": b"shopify-dev-secret", "/webhooks/woocommerce": b"woocommerce-dev-secret"}
class Receiver(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args): pass
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        path = self.path.split("?")[0]
        sig = self.headers.get("X-Shopify-Hmac-Sha256") or self.headers.get("X-WC-Webhook-Signature")
        valid = sig is not None and hmac.compare_digest(
            base64.b64encode(hmac.new(SECRETS.get(path, b""), body, hashlib.sha256).digest()).decode(), sig)
        topic = self.headers.get("X-Shopify-Topic") or self.headers.get("X-WC-Webhook-Topic") or "-"
        print(json.dumps({"path": path, "topic": topic, "signed": valid}), flush=True)
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
EOF

dotnet build --nologo -v q . > "$WORK/build.log" || { cat "$WORK/build.log"; exit 1; }
python3 "$WORK/receiver.py" "$RECV_PORT" > "$WORK/received.log" 2>&1 &
RECV_PID=$!
dotnet bin/Debug/net10.0/Ledger.Simulators.dll --urls "$B" --ledger "http://127.0.0.1:$RECV_PORT" --time-scale 0.01 > "$WORK/sim.log" 2>&1 &
SIM_PID=$!
trap 'kill $SIM_PID $RECV_PID 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do curl -sf "$B/_control/health" > /dev/null && break; sleep 0.2; done

check() { # name expected actual
    if [[ "$3" == *"$2"* ]]; then echo "PASS $1"; else echo "FAIL $1: expected '$2', got '$3'"; FAILED=1; fi
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
post() { curl -s -XPOST -H 'content-type: application/json' "$@"; }

SHOP="$B/shopify/admin/api/2025-01"
TOKEN='X-Shopify-Access-Token: shpat_dev_token'
check "shopify 401 without token" 401 "$(curl -s -o /dev/null -w '%{http_code}' "$SHOP/orders.json")"
ORDER=$(post -d '{"lines":[{"sku":"DRESS-10","quantity":2}]}' "$B/_control/shopify/orders" | json 'd["id"]')
LINE=$(curl -s -H "$TOKEN" "$SHOP/orders/$ORDER.json" | json 'd["order"]["line_items"][0]["id"]')
FO=$(curl -s -H "$TOKEN" "$SHOP/orders/$ORDER/fulfillment_orders.json" | json 'd["fulfillment_orders"][0]["id"]')
FOLINE=$(curl -s -H "$TOKEN" "$SHOP/orders/$ORDER/fulfillment_orders.json" | json 'd["fulfillment_orders"][0]["line_items"][0]["id"]')
fulfil() { post -H "$TOKEN" -o /dev/null -w '%{http_code}' -d "{\"fulfillment\":{\"line_items_by_fulfillment_order\":[{\"fulfillment_order_id\":$FO,\"fulfillment_order_line_items\":[{\"id\":$1,\"quantity\":$2}]}]}}" "$SHOP/fulfillments.json"; }
check "shopify 400 with order line-item id" 400 "$(fulfil "$LINE" 1)"
check "shopify 422 over-fulfilment" 422 "$(fulfil "$FOLINE" 3)"
check "shopify 201 partial fulfilment" 201 "$(fulfil "$FOLINE" 1)"
check "shopify order partially fulfilled" partial "$(curl -s -H "$TOKEN" "$SHOP/orders/$ORDER.json" | json 'd["order"]["fulfillment_status"]')"
post -d '{"kind":"tooManyRequests","seconds":2}' "$B/_control/shopify/faults" > /dev/null
check "fault 429 + Retry-After" "429 2" "$(curl -s -o /dev/null -D - -H "$TOKEN" "$SHOP/locations.json" | tr -d '\r' | awk '/^HTTP/{c=$2} /^Retry-After/{r=$2} END{print c, r}')"

WOO="$B/woocommerce/wp-json/wc/v3"
WOO_ID=$(post -d '{"lines":[{"sku":"COAT-12","quantity":1}]}' "$B/_control/woocommerce/orders" | json 'd["id"]')
post "$B/_control/woocommerce/orders/$WOO_ID/pay" > /dev/null
check "woo 401 bad secret" 401 "$(curl -s -o /dev/null -w '%{http_code}' -u ck_dev_key:wrong "$WOO/orders/$WOO_ID")"
check "woo processing list + X-WP-Total" "X-WP-Total: 1" "$(curl -s -D - -o /dev/null -u ck_dev_key:cs_dev_secret "$WOO/orders?status=processing")"
check "woo complete" completed "$(curl -s -XPUT -u ck_dev_key:cs_dev_secret -H 'content-type: application/json' -d '{"status":"completed"}' "$WOO/orders/$WOO_ID" | json 'd["status"]')"

IP="$B/inpost/v1"
BEARER='Authorization: Bearer inpost-dev-token'
check "shipx 422 validation_failed" validation_failed "$(post -H "$BEARER" -d '{"service":"inpost_locker_standard","receiver":{"email":"x","phone":"1"},"parcels":{"template":"small"}}' "$IP/organizations/1234/shipments")"
SHIPMENT=$(post -H "$BEARER" -d '{"service":"inpost_locker_standard","reference":"SELF-1","receiver":{"email":"a@example.co.uk","phone":"07700900123"},"parcels":{"template":"small"},"custom_attributes":{"target_point":"LDN01M"}}' "$IP/organizations/1234/shipments" | json 'd["id"]')
sleep 0.5
check "shipx confirmed asynchronously" confirmed "$(curl -s -H "$BEARER" "$IP/shipments/$SHIPMENT" | json 'd["status"]')"
check "shipx search by reference" '"count":1' "$(curl -s -H "$BEARER" "$IP/organizations/1234/shipments?reference=SELF-1")"

sleep 1
RECEIVED=$(cat "$WORK/received.log")
check "shopify webhook signed" '"topic": "orders/create", "signed": true' "$RECEIVED"
check "shopify fulfilment webhook" '"topic": "fulfillments/create", "signed": true' "$RECEIVED"
check "woo webhook signed" '"topic": "order.updated", "signed": true' "$RECEIVED"
check "inpost webhook" '"path": "/webhooks/inpost"' "$RECEIVED"
exit $FAILED
