"""The pyC8 acceptance suite: stock pyC8 1.1.2 against a real `c8 serve`.

pyC8 forces port 443 (https) or 80 (http) and prepends `api-` to the host it
is given, so the session starts the server on those ports with a test CA's
certificate for the test domain `c8.test`, and makes every name under
`c8.test` resolve to the server's loopback address in this process (a
wrapper around `socket.getaddrinfo`; pyC8 itself is unchanged).

Environment:
  C8_BIN            the c8 binary (default: <repo>/.build/debug/c8)
  C8_PYC8_ADDR      loopback address to serve on (default 127.0.0.1, or a
                    free 127.x.y.z when 127.0.0.1:80/443 are taken)
  C8_PYC8_KEEP      keep the temporary data dir and certificates
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests
import requests.adapters

DOMAIN = "c8.test"
REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60
STOP_TIMEOUT = 20

# --------------------------------------------------------------------------
# Name resolution: *.c8.test and c8.test -> the server's loopback address.
# --------------------------------------------------------------------------

_server_addr = {"ip": "127.0.0.1"}
_real_getaddrinfo = socket.getaddrinfo


def _is_test_name(host):
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    host = host.rstrip(".").lower()
    return host == DOMAIN or host.endswith("." + DOMAIN) or host == "api-" + DOMAIN


def _test_getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    if _is_test_name(host):
        return _real_getaddrinfo(_server_addr["ip"], port, socket.AF_INET, type, proto, flags)
    return _real_getaddrinfo(host, port, family, type, proto, flags)


socket.getaddrinfo = _test_getaddrinfo


# --------------------------------------------------------------------------
# HTTP trace: every request/response pair of the running test, shown with a
# failure (the request that failed and what the server answered).
# --------------------------------------------------------------------------

_trace = []
_real_send = requests.adapters.HTTPAdapter.send


def _clip(value, limit=700):
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    value = str(value)
    return value if len(value) <= limit else value[:limit] + "...(%d chars)" % len(value)


def _traced_send(self, request, *args, **kwargs):
    entry = {"method": request.method, "url": request.url, "body": _clip(request.body),
             "headers": {k: v for k, v in request.headers.items()
                         if k.lower() in ("if-match", "if-none-match", "content-type")}}
    try:
        response = _real_send(self, request, *args, **kwargs)
    except Exception as error:  # noqa: BLE001 - recorded, then re-raised
        entry["response"] = "EXCEPTION %r" % (error,)
        _trace.append(entry)
        raise
    entry["status"] = response.status_code
    entry["response"] = _clip(response.text)
    _trace.append(entry)
    return response


requests.adapters.HTTPAdapter.send = _traced_send


def _format_trace(entries):
    lines = []
    for e in entries:
        extra = " %s" % e["headers"] if e["headers"] else ""
        lines.append("> %s %s%s" % (e["method"], e["url"], extra))
        if e["body"]:
            lines.append(">   %s" % e["body"])
        lines.append("< %s %s" % (e.get("status", "---"), e["response"]))
    return "\n".join(lines)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        _health["last_failed"] = item.nodeid if report.failed else False
    if report.failed and _trace:
        report.sections.append(("HTTP exchanges (last 6 of %d)" % len(_trace), _format_trace(_trace[-6:])))


# --------------------------------------------------------------------------
# Certificates: a test CA and a server certificate for the test domain.
# --------------------------------------------------------------------------


def _openssl(*args, cwd):
    if shutil.which("openssl") is None:
        pytest.exit("the openssl command is missing (Debian package 'openssl')", returncode=3)
    result = subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.exit("openssl %s failed: %s" % (" ".join(args), result.stderr), returncode=3)


def make_certificates(directory, ip):
    """A CA and a server certificate signed by it; returns (ca, cert, key)."""
    d = str(directory)
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
             "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=c8 pyC8 test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-sha256",
             "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=api-" + DOMAIN, cwd=d)
    # A wildcard covers one label: api-c8.test and c8.test are listed apart.
    sans = ["DNS:" + DOMAIN, "DNS:*." + DOMAIN, "DNS:api-" + DOMAIN, "DNS:localhost",
            "IP:127.0.0.1", "IP:" + ip]
    (directory / "server.ext").write_text(
        "subjectAltName=%s\n"
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\n"
        "authorityKeyIdentifier=keyid,issuer\n" % ",".join(dict.fromkeys(sans)))
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "2", "-sha256",
             "-extfile", "server.ext", cwd=d)
    return directory / "ca.pem", directory / "server.pem", directory / "server.key"


# --------------------------------------------------------------------------
# The server.
# --------------------------------------------------------------------------


def _ports_free(ip):
    for port in (80, 443):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
        except OSError:
            return False
        finally:
            s.close()
    return True


def _pick_address():
    wanted = os.environ.get("C8_PYC8_ADDR")
    if wanted:
        return wanted
    if _ports_free("127.0.0.1"):
        return "127.0.0.1"
    # 127.0.0.1:80/443 are taken (another server of a developer): the whole
    # of 127/8 is loopback on Linux, so take an address of our own.
    for _ in range(20):
        ip = "127.%d.%d.%d" % (secrets.randbelow(200) + 20, secrets.randbelow(250) + 1, secrets.randbelow(250) + 1)
        if _ports_free(ip):
            return ip
    return "127.0.0.1"


class Server:
    """A running `c8 serve`, its credentials and its output."""

    def __init__(self, binary, work, ip):
        self.binary = binary
        self.work = work
        self.ip = ip
        self.data_dir = work / "data"
        self.admin_key = "pyc8-" + secrets.token_hex(16)
        self.stdout_lines = []
        self.stderr_path = work / "server.stderr"
        self.process = None
        self._ready = threading.Event()
        self.exit_code = None

    def stderr_text(self, limit=4000):
        try:
            text = self.stderr_path.read_text(errors="replace")
        except OSError:
            return ""
        return text[-limit:]

    def output(self):
        return "stdout:\n%s\nstderr (tail):\n%s" % ("\n".join(self.stdout_lines[-40:]), self.stderr_text())

    def _pump(self):
        for raw in self.process.stdout:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            self.stdout_lines.append(line)
            if "https on" in line:
                self._ready.set()
        self._ready.set()

    def start(self, ca, cert, key):
        self.data_dir.mkdir()
        command = [str(self.binary), "serve", "--data-dir", str(self.data_dir),
                   "--host", self.ip, "--port", "80", "--tls-port", "443",
                   "--tls-cert", str(cert), "--tls-key", str(key),
                   "--domain", DOMAIN, "--admin-key", self.admin_key]
        env = dict(os.environ)
        env.pop("C8_ADMIN_KEY", None)
        env["HOME"] = str(self.work)
        env["XDG_CONFIG_HOME"] = str(self.work / "config")
        env["XDG_DATA_HOME"] = str(self.work / "share")
        self.command = command
        self.stderr_file = open(self.stderr_path, "wb")
        self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=self.stderr_file, env=env, cwd=str(self.work))
        threading.Thread(target=self._pump, daemon=True).start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._ready.wait(0.1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                break
        if not any("https on" in line for line in self.stdout_lines):
            code = self.process.poll()
            if code is None:
                self.process.kill()
                self.process.wait()
                why = "did not print its 'https on' line within %d s" % START_TIMEOUT
            else:
                why = "exited with status %d before printing its 'https on' line" % code
            message = "c8 serve %s\ncommand: %s\n%s" % (why, " ".join(command), self.output())
            if not os.environ.get("C8_PYC8_KEEP"):
                shutil.rmtree(self.work, ignore_errors=True)
            pytest.exit(message, returncode=3)

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                self.exit_code = "killed after SIGTERM did not stop it in %d s" % STOP_TIMEOUT
                return
        self.exit_code = self.process.returncode
        self.stderr_file.close()


def _binary():
    path = Path(os.environ.get("C8_BIN") or REPO / ".build" / "debug" / "c8")
    if not path.is_file():
        pytest.exit("no c8 binary at %s (run `swift build` or set C8_BIN)" % path, returncode=3)
    return path


@pytest.fixture(scope="session")
def server():
    binary = _binary()
    work = Path(tempfile.mkdtemp(prefix="c8-pyc8-"))
    ip = _pick_address()
    _server_addr["ip"] = ip
    ca, cert, key = make_certificates(work, ip)
    os.environ["REQUESTS_CA_BUNDLE"] = str(ca)
    os.environ["WEBSOCKET_CLIENT_CA_BUNDLE"] = str(ca)
    os.environ.pop("CURL_CA_BUNDLE", None)
    srv = Server(binary, work, ip)
    srv.ca = ca
    srv.start(ca, cert, key)
    _shorten_links(srv)
    yield srv
    srv.stop()
    keep = os.environ.get("C8_PYC8_KEEP")
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    assert srv.exit_code == 0, "c8 serve did not exit 0 on SIGTERM: %s\n%s" % (srv.exit_code, srv.output())


# The suite is about the API, not about geography: every catalog change
# waits for the regions it can reach, so real latencies (80-200 ms) would
# add minutes. Links of a few milliseconds keep three real regions (the
# Swift suites test latencies themselves).
TEST_LINK_MS = 5


def _shorten_links(server):
    regions = ["us-east", "eu-west", "ap-south"]
    for i, a in enumerate(regions):
        for b in regions[i + 1:]:
            response = requests.put("https://api-%s:443/_api/simulator/latency" % DOMAIN,
                                    headers={"Authorization": "apikey " + server.admin_key},
                                    json={"a": a, "b": b, "ms": TEST_LINK_MS}, verify=str(server.ca), timeout=10)
            assert response.status_code == 200, response.text


_health = {"last_failed": False, "unresponsive": None}


def _responsive(server):
    """GET /_fabric/_system/_api/version within 5 s (checked after a failed test)."""
    try:
        response = requests.get("https://api-%s:443/_fabric/_system/_api/version" % DOMAIN,
                                headers={"Authorization": "apikey " + server.admin_key},
                                verify=str(server.ca), timeout=(2, 3))
        return response.status_code < 500
    except requests.RequestException:
        return False


@pytest.fixture(autouse=True)
def _per_test(server):
    """Fails fast when the server died or stopped answering (pyC8 would
    retry for 25 s and wait up to 260 s a request), and starts each test
    with an empty HTTP trace."""
    if not server.alive():
        pytest.fail("c8 serve is not running (exit status %s)\n%s" % (server.process.poll(), server.output()),
                    pytrace=False)
    if _health["last_failed"] and not _health["unresponsive"]:
        _health["unresponsive"] = _health["last_failed"]  # stays if the check itself times out
        if _responsive(server):
            _health["unresponsive"] = None
    if _health["unresponsive"]:
        pytest.fail("c8 serve stopped answering during %s\n%s" % (_health["unresponsive"], server.output()),
                    pytrace=False)
    del _trace[:]
    yield
    if not server.alive():
        pytest.fail("c8 serve died during this test (exit status %s)\n%s"
                    % (server.process.poll(), server.output()), pytrace=False)


# --------------------------------------------------------------------------
# Clients and helpers.
# --------------------------------------------------------------------------


def uniq(prefix):
    """A fresh name of [A-Za-z][A-Za-z0-9]* (legal for fabrics and collections)."""
    return prefix + uuid.uuid4().hex[:10]


def make_client(protocol="https", host=DOMAIN, **credentials):
    from c8 import C8Client

    return C8Client(protocol=protocol, host=host, port=443 if protocol == "https" else 80,
                    geofabric=credentials.pop("geofabric", "_system"), **credentials)


@pytest.fixture(scope="session")
def admin_key(server):
    return server.admin_key


@pytest.fixture(scope="session")
def client(server):
    """C8Client over https with the admin API key, on _system."""
    return make_client(apikey=server.admin_key)


@pytest.fixture(scope="session")
def tenant(server):
    """A Tenant with a connection of its own (useFabric mutates it)."""
    return make_client(apikey=server.admin_key).tenant(apikey=server.admin_key)


@pytest.fixture(scope="session")
def fabric(tenant):
    """The _system fabric through its own Tenant connection."""
    return tenant.useFabric("_system")


@pytest.fixture
def coll(client):
    """A fresh document collection in _system; dropped afterwards."""
    name = uniq("pyc8coll")
    collection = client.create_collection(name)
    yield collection
    client.delete_collection(name, ignore_missing=True)


@pytest.fixture
def raw(server):
    """Plain requests against the server (for what pyC8 does not read)."""

    class Raw:
        base = "https://api-%s:443" % DOMAIN
        headers = {"Authorization": "apikey " + server.admin_key}

        def request(self, method, path, body=None, headers=None):
            data = None if body is None else json.dumps(body)
            return requests.request(method, self.base + path, headers=dict(self.headers, **(headers or {})),
                                    data=data, verify=str(server.ca), timeout=30)

        def get(self, path, headers=None):
            return self.request("GET", path, headers=headers)

        def post(self, path, body=None, headers=None):
            return self.request("POST", path, body, headers)

    return Raw()


USER_PASSWORD = "Pyc8-Passw0rd!"


@pytest.fixture(scope="session")
def user(client):
    """A tenant user with rw on _system: {email, password, username, display_name}."""
    email = "%s@pyc8.test" % uniq("user")
    created = client.create_user(email, USER_PASSWORD, display_name="Py C8", extra={"team": "qa"})
    username = created["username"]
    client.set_database_access_level_user(username, "_system", "rw")
    info = dict(created, password=USER_PASSWORD)
    yield info
    client.delete_user(username, ignore_missing=True)


@pytest.fixture(scope="session")
def tenant_factory(server):
    """Makes Tenants with connections of their own (admin key), for useFabric."""
    base = make_client(apikey=server.admin_key)

    def make():
        return base.tenant(apikey=server.admin_key)

    return make


def names_of(result):
    """`result` of a listing: {name: level}, [name], or [{name|db|collection: …}]."""
    if isinstance(result, dict):
        return set(result)
    names = set()
    for item in result:
        if isinstance(item, str):
            names.add(item)
        elif isinstance(item, dict):
            names.add(item.get("name") or item.get("db") or item.get("collection") or item.get("fabric"))
    return names
