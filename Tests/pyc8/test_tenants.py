"""Tenants (server admin): list, create, details, update, isolation, delete."""

import pytest

from c8 import exceptions as ex

from conftest import USER_PASSWORD, make_client, uniq


def _result(body):
    return body.get("result", body) if isinstance(body, dict) else body


def test_default_tenant_listed(tenant):
    assert "c8" in tenant.tenants()


def test_tenant_lifecycle_and_isolation(client, tenant):
    email = "%s@pyc8.test" % uniq("owner")
    created = _result(tenant.create_tenant(email, display_name="Other Co", passwd=USER_PASSWORD,
                                           dclist=["us-east"], metadata={"tier": "test"}))
    name = created["tenant"]
    try:
        assert name and name != "c8"
        assert tenant.has_tenant(name)
        details = tenant.get_tenant_details(name)
        assert details["tenant"] == name
        assert details["email"] == email
        assert tenant.update_tenant(name, display_name="Other Co 2") is True
        assert tenant.get_tenant_details(name)["displayName"] == "Other Co 2"

        # Its owner logs in and sees its own _system, not ours.
        ours = uniq("ourcoll")
        client.create_collection(ours)
        try:
            other = make_client(email=email, password=USER_PASSWORD)
            assert other._tenant.name == name
            assert not other.has_collection(ours)
            theirs = uniq("theircoll")
            other.create_collection(theirs)
            assert not client.has_collection(theirs)
            other.insert_document(theirs, document={"_key": "t", "v": 1})
            assert other.get_document(theirs, "t")["v"] == 1
        finally:
            client.delete_collection(ours)
    finally:
        assert tenant.delete_tenant(name) is True
    assert not tenant.has_tenant(name)
    assert tenant.delete_tenant(name, ignore_missing=True) is False


def test_tenant_admin_needs_server_admin(client, user):
    c = make_client(email=user["email"], password=user["password"])
    with pytest.raises(ex.TenantListError) as info:
        c._tenant.tenants()
    assert info.value.http_code in (401, 403)
