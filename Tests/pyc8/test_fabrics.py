"""Fabrics: list, create (dcList, spot options), properties, metadata, useFabric, delete."""

import pytest

from c8 import exceptions as ex

from conftest import uniq

REGIONS = ["us-east", "eu-west", "ap-south"]  # c8 serve's default federation
REGION = REGIONS[0]
ALL_REGIONS = ",".join(REGIONS)


@pytest.fixture
def new_fabric(client, fabric):
    name = uniq("pyc8fab")
    assert fabric.create_fabric(name, dclist=[REGION]) is True
    yield name
    fabric.delete_fabric(name, ignore_missing=True)


def _metadata(result):
    options = result.get("options") or {}
    return options["metadata"] if "metadata" in options else result.get("metadata")


def test_system_fabric_listed(fabric):
    assert "_system" in fabric.fabrics()
    assert fabric.has_fabric("_system")


def test_system_properties(fabric):
    props = fabric.properties()
    assert props["name"] == "_system"
    assert props["system"] is True
    assert props["options"]["dcList"] == ALL_REGIONS
    assert props["options"]["spotDc"] == REGION, "_system gets the automatic spot region"
    assert props["options"]["tenant"] == "c8"


def test_create_list_delete_fabric(client, fabric):
    name = uniq("pyc8fab")
    assert fabric.create_fabric(name, dclist=[REGION], users=["root"]) is True
    assert fabric.has_fabric(name)
    assert name in fabric.fabrics()
    details = {d["name"]: d["options"] for d in client.get_fabric_details()}
    assert name in details, details
    assert details[name]["dcList"] == REGION
    assert fabric.delete_fabric(name) is True
    assert not fabric.has_fabric(name)


def test_create_fabric_with_empty_dclist_means_all_regions(fabric, tenant_factory):
    name = uniq("pyc8fab")
    assert fabric.create_fabric(name) is True  # "dcList": ""
    try:
        t = tenant_factory()
        props = t.useFabric(name).properties()
        assert props["options"]["dcList"] == ALL_REGIONS
    finally:
        fabric.delete_fabric(name)


def test_create_fabric_spot_options(fabric, tenant_factory):
    none_name = uniq("pyc8fab")
    spot_name = uniq("pyc8fab")
    assert fabric.create_fabric(none_name, dclist=[REGION],
                                spot_creation_type=fabric.SPOT_CREATION_TYPES.NONE) is True
    assert fabric.create_fabric(spot_name, dclist=[REGION], spot_dc=REGION,
                                spot_creation_type=fabric.SPOT_CREATION_TYPES.SPOT_REGION) is True
    try:
        t = tenant_factory()
        assert t.useFabric(none_name).properties()["options"]["spotDc"] == ""
        assert t.useFabric(spot_name).properties()["options"]["spotDc"] == REGION
    finally:
        fabric.delete_fabric(none_name)
        fabric.delete_fabric(spot_name)


def test_create_duplicate_fabric(fabric, new_fabric):
    with pytest.raises(ex.FabricCreateError) as info:
        fabric.create_fabric(new_fabric, dclist=[REGION])
    assert info.value.http_code == 409
    assert info.value.error_code == 1207


def test_delete_missing_fabric(fabric):
    name = uniq("nofab")
    assert fabric.delete_fabric(name, ignore_missing=True) is False
    with pytest.raises(ex.FabricDeleteError) as info:
        fabric.delete_fabric(name)
    assert info.value.error_code == 1228
    assert info.value.http_code == 404


def test_use_fabric_scopes_collections(client, tenant_factory, new_fabric):
    f = tenant_factory().useFabric(new_fabric)
    props = f.properties()
    assert props["name"] == new_fabric
    assert props["system"] is False
    assert f.dclist() == [REGION]
    coll_name = uniq("infab")
    f.create_collection(coll_name)
    assert f.has_collection(coll_name)
    assert not client.has_collection(coll_name), "a collection of another fabric is visible in _system"
    f.collection(coll_name).insert({"_key": "k", "fab": new_fabric})
    assert f.collection(coll_name).get("k")["fab"] == new_fabric


def test_create_fabric_outside_system_is_forbidden(tenant_factory, new_fabric):
    f = tenant_factory().useFabric(new_fabric)
    with pytest.raises(ex.FabricCreateError) as info:
        f.create_fabric(uniq("pyc8fab"), dclist=[REGION])
    assert info.value.http_code == 403
    assert info.value.error_code == 1230


def test_unknown_fabric_is_404(tenant_factory):
    f = tenant_factory().useFabric(uniq("nosuchfab"))
    with pytest.raises(ex.CollectionListError) as info:
        f.collections()
    assert info.value.http_code == 404
    assert info.value.error_code == 1228


def test_fabric_metadata(tenant_factory, new_fabric):
    f = tenant_factory().useFabric(new_fabric)
    f.set_fabric_metadata({"owner": "qa", "tier": 1})
    assert _metadata(f.get_fabric_metadata()) == {"owner": "qa", "tier": 1}
    f.update_fabric_metadata({"tier": 2, "zone": "eu"})
    assert _metadata(f.get_fabric_metadata()) == {"owner": "qa", "tier": 2, "zone": "eu"}
    f.set_fabric_metadata({"only": True})
    assert _metadata(f.get_fabric_metadata()) == {"only": True}


def test_update_spot_region(tenant_factory, fabric, new_fabric):
    assert fabric.update_spot_region("c8", new_fabric, REGION) is True
    assert tenant_factory().useFabric(new_fabric).properties()["options"]["spotDc"] == REGION


def test_assign_dc_spot(fabric):
    before = fabric.get_dc_detail(REGION)["spot_region"]
    assert before is True, "the local region is spot-capable at first start"
    try:
        assert fabric.assign_dc_spot(REGION, spot_region=False) is True
        assert fabric.get_dc_detail(REGION)["spot_region"] is False
        assert fabric.assign_dc_spot(REGION, spot_region=True) is True
        assert fabric.get_dc_detail(REGION)["spot_region"] is True
    finally:
        fabric.assign_dc_spot(REGION, spot_region=before)
