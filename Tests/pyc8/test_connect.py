"""Connecting: tenant lookup, plain HTTP, datacenters, version, ping."""

import pytest
import requests

from c8 import exceptions as ex

from conftest import DOMAIN, make_client, uniq

REGIONS = ["us-east", "eu-west", "ap-south"]  # c8 serve's default federation
REGION = REGIONS[0]  # the local region: where a request without a region host goes


def test_base_url_is_api_host_on_443(client):
    assert client.base_url == "https://api-%s:443" % DOMAIN


def test_tenant_lookup_gives_tenant_name(client):
    # GET /_api/user -> result[0].tenant; a non-200 would leave "" silently.
    assert client._tenant.name == "c8"


def test_user_listing_carries_tenant_and_user_fields(raw):
    response = raw.get("/_api/user")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["error"] is False
    first = body["result"][0]
    for field in ("tenant", "user", "email", "displayName", "active", "extra"):
        assert field in first, "GET /_api/user result[0] lacks %r: %s" % (field, first)
    assert first["tenant"] == "c8"


def test_http_smoke_on_port_80(server):
    plain = make_client(protocol="http", apikey=server.admin_key)
    assert plain.base_url == "http://api-%s:80" % DOMAIN
    assert plain._tenant.name == "c8"
    name = uniq("plainhttp")
    plain.create_collection(name)
    try:
        meta = plain.insert_document(name, document={"_key": "k1", "v": 1})
        assert meta["_id"] == "%s/k1" % name
        assert plain.get_document(name, "k1")["v"] == 1
    finally:
        assert plain.delete_collection(name) is True


def test_region_host_reaches_the_same_server(server):
    regional = make_client(host="%s.%s" % (REGION, DOMAIN), apikey=server.admin_key)
    assert regional.base_url == "https://api-%s.%s:443" % (REGION, DOMAIN)
    assert regional.get_local_dc(detail=False) == REGION


def test_response_headers(raw):
    response = raw.get("/_fabric/_system/_api/version")
    assert response.status_code == 200
    assert response.headers.get("x-gdn-region"), response.headers
    assert response.headers.get("x-gdn-requestid"), response.headers


# --- datacenters ----------------------------------------------------------


def test_local_dc(client):
    dc = client.get_local_dc()
    assert dc["name"] == REGION
    assert dc["local"] is True
    assert dc["tags"]["url"] == "%s.%s" % (REGION, DOMAIN)
    assert dc["tags"]["api"] == "api-%s.%s" % (REGION, DOMAIN)
    assert client.get_local_dc(detail=False) == REGION


def test_fabric_dc_list(client):
    assert client.get_dc_list() == REGIONS
    detail = client.get_dc_list(detail=True)
    assert [dc["name"] for dc in detail] == REGIONS


def test_tenant_dc_list(tenant):
    assert tenant.dclist() == REGIONS
    detail = tenant.dclist(detail=True)
    assert detail[0]["name"] == REGION
    assert tenant.localdc(detail=False) == REGION


def test_dc_detail_and_all(fabric):
    dc = fabric.get_dc_detail(REGION)
    assert dc["name"] == REGION
    everything = fabric.dclist_all()
    assert REGION in [d["name"] for d in everything]


def test_unknown_dc_is_an_error(fabric):
    with pytest.raises(ex.GetDcDetailError) as info:
        fabric.get_dc_detail("nowhere")
    assert info.value.http_code == 404


# --- version, ping --------------------------------------------------------


def test_version(fabric):
    version = fabric.version()
    assert isinstance(version, str) and version


def test_ping(fabric):
    assert fabric.ping() == 200


def test_ping_with_bad_key_says_bad_credentials(server):
    bogus = make_client(apikey="not-a-key")
    with pytest.raises(ex.ServerConnectionError) as info:
        bogus._fabric.ping()
    assert "bad username and/or password" in str(info.value)


def test_cors_preflight_needs_no_auth(server):
    response = requests.options(
        "https://api-%s:443/_fabric/_system/_api/collection" % DOMAIN,
        headers={"Origin": "https://console.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"},
        verify=str(server.ca), timeout=30)
    assert response.status_code == 200
    assert response.headers.get("access-control-allow-origin") == "https://console.example"
