"""Record readers: vCards (2.1, 3.0, 4.0, broken cards) and JSON lines / arrays."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphcrm.ingest.errors import ImportFileError
from graphcrm.ingest.read import ERROR, ROW, VCARD_COLUMNS, read_file, vcard_fields

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def rows(path: Path, **kwargs: Any) -> list[dict[str, Any]]:
    return [r for chunk in read_file(path, **kwargs) for r in chunk.frame.to_dict("records")]


def filled(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v is not None}


# -- vCards ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cards() -> list[dict[str, Any]]:
    return rows(FIXTURES / "business_cards.vcf")


def test_vcards_come_out_in_canonical_columns_numbered_by_card(cards):
    assert [c[ROW] for c in cards] == [1, 2, 3, 4, 5, 6]
    chunk = next(read_file(FIXTURES / "business_cards.vcf"))
    assert tuple(chunk.frame.columns[: len(VCARD_COLUMNS)]) == VCARD_COLUMNS  # every chunk has them all


def test_chinese_vcard_3_with_several_numbers_and_emails(cards):
    assert filled(cards[0]) == {
        "first_name": "桂花", "last_name": "李", "name": "李桂花", "company_name": "良诺网络科技有限公司",
        "title": "销售总监", "email": "liguihua@liangnuo.cn", "email_2": "67931@qq.com",
        "mobile": "+86 159 6929 7112", "phone": "0571-8888 1234", "description": "展会名片 2026", ROW: 1,
    }


def test_english_vcard_3_with_uid_address_fax_url_and_folded_note(cards):
    assert filled(cards[1]) == {
        "external_id": "card-0002", "first_name": "Albert", "last_name": "Moreno", "name": "Albert Moreno",
        "company_name": "Golden-Blair", "title": "Editor, film/video", "phone": "+1 541 323 2739",
        "fax": "+1 541 323 2700", "email": "albert.moreno@goldenblair.net", "street": "27527 Davis Circle",
        "city": "West Danielstad", "region": "TX", "postcode": "59520", "country": "USA",
        "website": "https://goldenblair.net", "description": "Asked for the Q3 price list and a call next week.",
        ROW: 2,
    }


def test_vcard_2_1_quoted_printable_chinese_with_soft_line_breaks(cards):
    raw = (FIXTURES / "business_cards.vcf").read_bytes()
    assert b"ENCODING=QUOTED-PRINTABLE" in raw and b"=\r\n" in raw  # the fixture really is soft-broken QP
    assert filled(cards[2]) == {
        "first_name": "娜娜", "last_name": "欧阳", "name": "欧阳娜娜", "company_name": "杭州良诺网络科技有限公司",
        "mobile": "13800138000", "mobile_2": "13900139000", "email": "ouyang@liangnuo.cn", ROW: 3,
    }


def test_vcard_4_tel_uris_and_type_lists(cards):
    card = filled(cards[3])
    assert card["external_id"] == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert (card["mobile"], card["phone"]) == ("+1-623-555-0100", "+1-623-172-3498")
    assert card["email"] == "stacey.ramirez@rosariohernandez.com" and card["city"] == "Sarahtown"


def test_a_broken_card_is_a_row_with_an_error_and_the_next_cards_still_read(cards):
    broken = filled(cards[4])
    assert broken == {ERROR: "unreadable vCard: At line 7: Failed to parse line: FN", ROW: 5}
    assert cards[5]["name"] == "王涛" and cards[5][ERROR] is None


def test_quoted_printable_in_a_gbk_charset_and_a_card_cut_off(tmp_path):
    qp = "".join(f"={b:02X}" for b in "李桂花".encode("gbk"))
    path = tmp_path / "old.vcf"
    path.write_text(f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=GBK;ENCODING=QUOTED-PRINTABLE:{qp}\r\n"
                    "TEL;WORK;VOICE:010-8888 1234\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half A. Card\r\n", encoding="ascii")
    got = rows(path)
    assert filled(got[0]) == {"name": "李桂花", "phone": "010-8888 1234", ROW: 1}
    assert filled(got[1]) == {ERROR: "unreadable vCard: card is cut off (no END:VCARD at the end of the file)",
                              ROW: 2}


def test_vcards_saved_in_gbk_and_empty_cards(tmp_path):
    path = tmp_path / "gbk.vcf"
    path.write_bytes("BEGIN:VCARD\nVERSION:3.0\nN:王;涛;;;\nFN:王涛\nORG:快讯信息有限公司\nEND:VCARD\n"
                     "BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n".encode("gbk"))
    got = rows(path)
    assert got[0]["name"] == "王涛" and got[0]["company_name"] == "快讯信息有限公司"
    assert got[1][ERROR] == "empty vCard: no name, organisation, email or phone"


def test_a_vcf_without_cards_is_refused(tmp_path):
    path = tmp_path / "none.vcf"
    path.write_text("FN:Nobody\nTEL:123\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_file(path)
    assert str(caught.value) == "none.vcf: no vCard in the file (no BEGIN:VCARD line)"


def test_many_cards_stream_in_chunks(tmp_path):
    path = tmp_path / "many.vcf"
    path.write_text("".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nEMAIL:p{i}@x.io\nEND:VCARD\n"
                            for i in range(1, 8)), encoding="utf-8")
    chunks = list(read_file(path, chunk_rows=3))
    assert [(c.first_row, len(c.frame)) for c in chunks] == [(1, 3), (4, 3), (7, 1)]
    assert chunks[2].frame.iloc[0]["email"] == "p7@x.io"


def test_vcard_fields_of_one_card():
    assert vcard_fields("BEGIN:VCARD\nVERSION:3.0\nFN:Ann Lee\nTEL;TYPE=cell:+44 7700 900123\n"
                        "URL:https://leeltd.co.uk\nEND:VCARD\n") == {
        "name": "Ann Lee", "mobile": "+44 7700 900123", "website": "https://leeltd.co.uk"}


# -- JSON --------------------------------------------------------------------------------


def test_json_lines_flatten_and_keep_line_numbers():
    got = rows(FIXTURES / "leads.jsonl")
    assert [r[ROW] for r in got] == [1, 3, 4, 5, 6]  # line 2 is blank
    assert filled(got[0]) == {
        "id": "J-001", "name": "Ann Lee", "email": "ann@leeltd.co.uk", "phone": "447700900123",
        "company.name": "Lee Ltd", "company.size": "12", "company.address.city": "Leeds", "score": "4.75",
        "vip": "true", "tags": '["expo", "2026"]', "zip": "01234", ROW: 1,
    }
    assert filled(got[1]) == {"id": "J-002", "name": "王涛", "email": "wangtao@kuaixun.com", "phone": "18504901001",
                              "company.name": "快讯信息有限公司", "score": "3", "vip": "false", ROW: 3}
    assert got[2][ERROR].startswith("not valid JSON: ") and got[2][ROW] == 4
    assert got[3][ERROR] == "a JSON value that is not an object"
    assert filled(got[4]) == {"id": "J-003", "first_name": "Kofi", "last_name": "Mensah", "source": "Trade Show",
                              ROW: 6}


def test_json_array_and_wrapped_arrays(tmp_path):
    got = rows(FIXTURES / "leads_array.json")
    assert got == [
        {"Email": "grace.huang@lumenco.com", "Full Name": "Grace Huang", "Company": "Lumen & Co", "Employees": "40",
         ROW: 1},
        {"Email": "t.lindqvist@brightwater.io", "Full Name": "Tomasz Lindqvist", "Company": "Brightwater Analytics",
         "Employees": None, ROW: 2},
    ]
    wrapped = tmp_path / "api.json"
    wrapped.write_text(json.dumps({"total": 2, "results": [{"email": "a@x.io"}, {"email": "b@x.io", "n": 1.5}]},
                                  indent=2), encoding="utf-8")
    assert [filled(r) for r in rows(wrapped)] == [{"email": "a@x.io", ROW: 1}, {"email": "b@x.io", "n": "1.5", ROW: 2}]
    single = tmp_path / "one.json"
    single.write_text('{\n  "email": "solo@x.io"\n}\n', encoding="utf-8")
    assert rows(single) == [{"email": "solo@x.io", ROW: 1}]


def test_broken_json_array_is_a_one_line_error(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"a": 1},\n {"a": 2\n', encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^bad.json: not valid JSON: ") as caught:
        read_file(path)
    assert "\n" not in str(caught.value)


def test_json_columns_only_grow_from_chunk_to_chunk(tmp_path):
    path = tmp_path / "grow.jsonl"
    path.write_text('{"a": "1"}\n{"a": "2"}\n{"b": "3"}\n{}\n{"a": null, "c": 0.0}\n', encoding="utf-8")
    chunks = list(read_file(path, chunk_rows=2))
    assert [list(c.frame.columns) for c in chunks] == [["a", ROW], ["a", "b", "c", ROW]]
    assert chunks[1].frame.to_dict("records") == [{"a": None, "b": "3", "c": None, ROW: 3},
                                                  {"a": None, "b": None, "c": "0", ROW: 5}]  # {} on line 4: blank


def test_json_lines_with_a_broken_first_line_still_read_as_lines(tmp_path):
    path = tmp_path / "leads.jsonl"
    path.write_text('{"email": "a@x.io",\n{"email": "b@x.io"}\n', encoding="utf-8")
    got = rows(path)
    assert got[0][ROW] == 1 and got[0][ERROR].startswith("not valid JSON: ")
    assert filled(got[1]) == {"email": "b@x.io", ROW: 2}
