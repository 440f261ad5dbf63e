"""The public address setting: optional, normalised, refused when it is not an address."""

import pytest

from edition.address import VARIABLE, site_url
from edition.errors import DataError


def test_unset_or_empty_means_no_address():
    assert site_url({}) is None
    assert site_url({VARIABLE: "  "}) is None


@pytest.mark.parametrize("value, expected", [
    ("https://example.org", "https://example.org/"),
    ("https://example.org/texts/", "https://example.org/texts/"),
    ("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a/"),
])
def test_address_is_normalised_to_a_folder(value, expected):
    assert site_url({VARIABLE: value}) == expected


@pytest.mark.parametrize("value", ["example.org", "ftp://example.org/", "https://example.org/?q=1",
                                   "https://example.org/#x", "https://exa mple.org/", 'https://e.org/"><x'])
def test_anything_else_is_refused_with_the_setting_named(value):
    with pytest.raises(DataError) as caught:
        site_url({VARIABLE: value})
    assert str(caught.value).startswith(VARIABLE + ": expected an absolute http(s) address")
