"""Users: create/list/get/update/delete, password rules, logins, grants
per fabric and collection, permissions listing, enforcement for a ro user."""

import pytest

from c8 import exceptions as ex

from conftest import USER_PASSWORD, make_client, names_of as _names, uniq


def _email():
    return "%s@pyc8.test" % uniq("u")


@pytest.fixture
def new_user(client):
    made = []

    def create(active=True, **kw):
        email = _email()
        info = client.create_user(email, USER_PASSWORD, active=active, **kw)
        made.append(info["username"])
        return dict(info, password=USER_PASSWORD)

    yield create
    for username in made:
        client.delete_user(username, ignore_missing=True)


def test_create_and_read(client, new_user):
    u = new_user(display_name="Ada L", extra={"team": "qa"})
    assert u["email"].endswith("@pyc8.test")
    assert u["display_name"] == "Ada L"
    assert u["active"] is True
    assert u["extra"] == {"team": "qa"}
    assert u["tenant"] == "c8"
    assert u["username"]
    assert client.has_user(u["username"])
    listed = {x["username"]: x for x in client.get_users()}[u["username"]]
    assert listed["email"] == u["email"] and listed["display_name"] == "Ada L"
    got = client.get_user(u["username"])
    assert got == {"display_name": "Ada L", "email": u["email"], "username": u["username"],
                   "active": True, "extra": {"team": "qa"}}


def test_root_user_listed(client):
    assert "root" in {u["username"] for u in client.get_users()}


def test_duplicate_email(client, new_user):
    u = new_user()
    with pytest.raises(ex.UserCreateError) as info:
        client.create_user(u["email"], USER_PASSWORD)
    assert info.value.http_code == 409


def test_weak_password_refused(client):
    with pytest.raises(ex.UserCreateError) as info:
        client.create_user(_email(), "short")
    assert info.value.http_code == 400


def test_update(client, new_user):
    u = new_user(display_name="Before")
    updated = client.update_user(u["username"], display_name="After", extra={"k": 1})
    assert updated["display_name"] == "After"
    assert updated["extra"] == {"k": 1}
    assert client.get_user(u["username"])["display_name"] == "After"


def test_password_change_and_inactive_user(client, new_user):
    u = new_user()
    client.set_database_access_level_user(u["username"], "_system", "ro")
    new_password = "An0ther-Passw0rd!"
    client.update_user(u["username"], password=new_password)
    assert client.get_jwt(password=new_password, email=u["email"])["jwt"]
    with pytest.raises(ex.C8AuthenticationError):
        client.get_jwt(password=USER_PASSWORD, email=u["email"])
    client.update_user(u["username"], active=False)
    assert client.get_user(u["username"])["active"] is False
    with pytest.raises(ex.C8AuthenticationError):
        make_client(email=u["email"], password=new_password)


def test_delete(client, new_user):
    u = new_user()
    assert client.delete_user(u["username"]) is True
    assert not client.has_user(u["username"])
    assert client.delete_user(u["username"], ignore_missing=True) is False
    with pytest.raises(ex.UserDeleteError) as info:
        client.delete_user(u["username"])
    assert info.value.http_code == 404
    with pytest.raises(ex.UserGetError) as info:
        client.get_user(u["username"])
    assert info.value.http_code == 404


def test_deleted_user_cannot_log_in(client, new_user):
    u = new_user()
    client.delete_user(u["username"])
    with pytest.raises(ex.C8AuthenticationError):
        client.get_jwt(password=USER_PASSWORD, email=u["email"])


def test_grants(client, new_user, coll):
    u = new_user()
    name = u["username"]
    client.set_database_access_level_user(name, "_system", "rw")
    assert client.get_database_access_level_user(name, "_system") == "rw"
    assert "_system" in _names(client.list_accessible_databases_user(name))
    client.set_collection_access_level_user(name, coll.name, "_system", "ro")
    assert client.get_collection_access_level_user(name, coll.name, "_system") == "ro"
    assert coll.name in _names(client.list_accessible_collections_user(name, "_system"))
    assert "_system" in _names(client.get_permissions(name))
    assert client.clear_collection_access_level_user(name, coll.name, "_system") is True
    assert client.get_collection_access_level_user(name, coll.name, "_system") == "rw"
    assert client.remove_database_access_level_user(name, "_system") is True
    assert client.get_database_access_level_user(name, "_system") == "none"


def test_billing_grant(client, new_user):
    name = new_user()["username"]
    assert client.get_billing_access_level_user(name) == "none"
    client.set_billing_access_level_user(name, "ro")
    assert client.get_billing_access_level_user(name) == "ro"


def test_ro_user_cannot_write(client, new_user, coll):
    u = new_user()
    coll.insert({"_key": "x", "v": 1})
    client.set_database_access_level_user(u["username"], "_system", "ro")
    client.set_collection_access_level_user(u["username"], coll.name, "_system", "ro")
    c = make_client(email=u["email"], password=u["password"])
    assert c.get_document(coll.name, "x")["v"] == 1
    with pytest.raises(ex.DocumentInsertError) as info:
        c.insert_document(coll.name, document={"_key": "y"})
    assert info.value.http_code == 403
    assert coll.get("y") is None


def test_token_of_ro_user(client, new_user, coll):
    u = new_user()
    client.set_database_access_level_user(u["username"], "_system", "ro")
    client.set_collection_access_level_user(u["username"], coll.name, "_system", "ro")
    token = client.get_jwt(password=u["password"], email=u["email"])["jwt"]
    c = make_client(token=token)
    assert c.get_collection(coll.name).count() == 0
    with pytest.raises(ex.DocumentInsertError) as info:
        c.get_collection(coll.name).insert({"_key": "t"})
    assert info.value.http_code == 403


def test_user_attributes(client, new_user):
    u = new_user()
    client.update_attributes_user(u["username"], {"tier": "gold"})
    attrs = client.get_attributes_user(u["username"])
    attrs = attrs.get("result", attrs)
    assert attrs["tier"] == "gold"
    client.remove_all_attributes_user(u["username"])
    attrs = client.get_attributes_user(u["username"])
    assert not attrs.get("result", attrs) or attrs.get("result", attrs) == {}
