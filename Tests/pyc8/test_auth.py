"""Auth: /_open/auth (email or tenant+username), JWT clients, bad credentials."""

import base64
import json
import time

import pytest
import requests

from c8 import exceptions as ex

from conftest import DOMAIN, make_client, uniq


def _b64(data):
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_get_jwt_with_email(client, user):
    body = client.get_jwt(password=user["password"], email=user["email"])
    assert body["tenant"] == "c8"
    token = body["jwt"]
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "HS256"
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert abs(claims["exp"] - time.time() - 12 * 3600) < 120, "JWT lifetime is not 12 h: %s" % claims


def test_get_jwt_with_tenant_and_username(client, user):
    body = client.get_jwt(password=user["password"], tenant="c8", username=user["username"])
    assert body["jwt"]
    assert body["tenant"] == "c8"


def test_get_jwt_with_wrong_password(client, user):
    with pytest.raises(ex.C8AuthenticationError):
        client.get_jwt(password="Wrong-Passw0rd!", email=user["email"])


def test_email_password_client(user):
    c = make_client(email=user["email"], password=user["password"])
    assert c._tenant.name == "c8"
    name = uniq("byuser")
    c.create_collection(name)
    try:
        c.insert_document(name, document={"_key": "a", "by": "user"})
        assert c.get_document(name, "a")["by"] == "user"
    finally:
        c.delete_collection(name)


def test_email_password_client_wrong_password(user, server):
    with pytest.raises(ex.C8AuthenticationError):
        make_client(email=user["email"], password="Wrong-Passw0rd!")


def test_token_client(client, user):
    token = client.get_jwt(password=user["password"], email=user["email"])["jwt"]
    c = make_client(token=token)
    assert c._tenant.name == "c8"
    assert c.has_collection("nonexistent" + uniq("x")) is False
    assert isinstance(c.get_collections(), list)


def test_token_with_alg_none_is_refused(client, user):
    token = client.get_jwt(password=user["password"], email=user["email"])["jwt"]
    payload = token.split(".")[1]
    forged = _b64({"alg": "none", "typ": "JWT"}) + "." + payload + "."
    c = make_client(token=forged)
    with pytest.raises(ex.CollectionListError) as info:
        c.get_collections()
    assert info.value.http_code == 401


def test_tampered_token_is_refused(client, user):
    token = client.get_jwt(password=user["password"], email=user["email"])["jwt"]
    head, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["exp"] = claims.get("exp", 0) + 3600
    forged = head + "." + _b64(claims) + "." + signature
    c = make_client(token=forged)
    with pytest.raises(ex.CollectionListError) as info:
        c.get_collections()
    assert info.value.http_code == 401


def test_bad_api_key_is_401(server):
    c = make_client(apikey="c8.nobody.secret")
    assert c._tenant.name == ""  # GET /_api/user answered non-200
    with pytest.raises(ex.CollectionListError) as info:
        c.get_collections()
    assert info.value.http_code == 401


def test_no_credentials_is_401(server):
    response = requests.get("https://api-%s:443/_fabric/_system/_api/collection" % DOMAIN,
                            verify=str(server.ca), timeout=30)
    assert response.status_code == 401
    body = response.json()
    assert body["error"] is True and body["code"] == 401 and "errorNum" in body


def test_auth_scheme_is_case_insensitive(server):
    for scheme in ("apikey", "APIKEY", "ApiKey"):
        response = requests.get("https://api-%s:443/_fabric/_system/_api/collection" % DOMAIN,
                                headers={"Authorization": "%s %s" % (scheme, server.admin_key)},
                                verify=str(server.ca), timeout=30)
        assert response.status_code == 200, (scheme, response.text)


def test_open_auth_bad_login_shape(server, user):
    response = requests.post("https://api-%s:443/_open/auth" % DOMAIN,
                             data=json.dumps({"email": user["email"], "password": "nope"}),
                             verify=str(server.ca), timeout=30)
    assert response.status_code == 401
    body = response.json()
    assert body["error"] is True and body["code"] == 401
