"""Creates the benchmark's fleets and robots through the real APIs, and robot credentials.

Usage: setup.py fleets AUTH_URL FLEET_URL ADMIN_TOKEN SIZES...   (registers each fleet bench-N with N robots)
       setup.py robots AUTH_URL FLEET_URL ADMIN_TOKEN FLEET COUNT OUT  (robot credentials and tokens, "id token" lines)
"""
import base64
import http.client
import json
import random
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

MAP_M = 50
local = threading.local()


def call(base, method, path, body=None, headers=None):
    url = urllib.parse.urlparse(base)
    key = url.netloc
    connections = getattr(local, "connections", None)
    if connections is None:
        connections = local.connections = {}
    if key not in connections:
        connections[key] = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    connection = connections[key]
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    return response.status, response.read().decode()


def json_call(base, method, path, token, payload):
    status, text = call(base, method, path, json.dumps(payload),
                        {"Content-Type": "application/json", "Authorization": "Bearer " + token})
    if status >= 300:
        raise SystemExit(f"{method} {path} -> {status} {text}")
    return json.loads(text) if text else None


def fleets(auth, coordinator, token, sizes):
    for size in sizes:
        fleet = f"bench-{size}"
        chargers = [{"id": f"c{i}", "x": x, "y": y} for i, (x, y) in enumerate([(0, 0), (MAP_M, 0), (0, MAP_M), (MAP_M, MAP_M)])]
        json_call(coordinator, "POST", "/api/fleets", token,
                  {"id": fleet, "name": fleet, "map_width_m": MAP_M, "map_height_m": MAP_M, "chargers": chargers})
        rng = random.Random(size)

        def register(i):
            json_call(coordinator, "POST", "/api/robots", token, {
                "id": f"{fleet}-r{i}", "fleet": fleet, "capabilities": [],
                "x": rng.random() * MAP_M, "y": rng.random() * MAP_M, "speed_mps": 1.5,
                "battery_pct": 100, "capacity": 100})

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(register, range(size)))
        print(f"fleet {fleet}: {size} robots", file=sys.stderr)


def robots(auth, coordinator, token, fleet, count, out):
    def credential(i):
        robot = f"{fleet}-r{i}"
        issued = json_call(auth, "POST", "/api/admin/robots", token, {"robot_id": robot, "fleet": fleet})
        basic = base64.b64encode(f"{issued['client_id']}:{issued['client_secret']}".encode()).decode()
        status, text = call(auth, "POST", "/oauth2/token", "grant_type=client_credentials",
                            {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise SystemExit(f"token for {robot} -> {status} {text}")
        return f"{robot} {json.loads(text)['access_token']}"

    with ThreadPoolExecutor(4) as pool:
        lines = list(pool.map(credential, range(count)))
    with open(out, "w") as file:
        file.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    command, auth_url, fleet_url, admin = sys.argv[1:5]
    if command == "fleets":
        fleets(auth_url, fleet_url, admin, [int(s) for s in sys.argv[5:]])
    else:
        robots(auth_url, fleet_url, admin, sys.argv[5], int(sys.argv[6]), sys.argv[7])
