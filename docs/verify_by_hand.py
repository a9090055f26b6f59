"""Check an unzipped SealDesk evidence bundle with nothing but Python's hashlib and json.

    unzip bundle.zip -d bundle && python3 verify_by_hand.py bundle [ENTRY_INDEX]

It recomputes every member's SHA-256 against manifest.json, then for each audit entry (or the
one given) the RFC 9162 leaf hash and the walk up its inclusion proof to the root hash of the
signed checkpoint. It also writes checkpoint.bin (the exact bytes the audit key signed) and
checkpoint.sig, so that openssl checks the checkpoint signature as it checks manifest.sig:

    openssl dgst -sha256 -verify audit.pub -signature checkpoint.sig bundle/checkpoint.bin
"""

import base64
import hashlib
import json
import sys
from pathlib import Path

folder = Path(sys.argv[1])
manifest = json.loads((folder / "manifest.json").read_bytes())
H = lambda data: hashlib.sha256(data).digest()  # noqa: E731
for f in manifest["files"]:  # every member is what the signed manifest says
    assert hashlib.sha256((folder / f["path"]).read_bytes()).hexdigest() == f["sha256"], f["path"]
checkpoint = json.loads((folder / "audit/checkpoint.json").read_bytes())
root, size = checkpoint["checkpoint"]["root_hash"], checkpoint["checkpoint"]["tree_size"]
for item in manifest["entries"]:
    if len(sys.argv) > 2 and item["index"] != int(sys.argv[2]):
        continue
    entry = (folder / item["file"]).read_bytes()  # {"event":{...},"index":N,"prev":"<hex>"}
    proof = json.loads((folder / item["proof"]).read_bytes())
    assert entry.endswith(b',"index":%d,"prev":"%s"}' % (item["index"], entry[-66:-2]))
    r = H(b"\x00" + entry)  # the RFC 9162 leaf hash is the entry hash
    assert r.hex() == item["entry_hash"] == proof["entry_hash"], item["file"]
    fn, sn = proof["leaf_index"], proof["tree_size"] - 1
    assert fn == item["index"], item["proof"]
    assert proof["tree_size"] == size, item["proof"]
    for p in map(bytes.fromhex, proof["audit_path"]):  # RFC 9162 section 2.1.3.2
        assert sn > 0
        if fn & 1 or fn == sn:
            r = H(b"\x01" + p + r)
            while fn and not fn & 1:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = H(b"\x01" + r + p)
        fn, sn = fn >> 1, sn >> 1
    assert sn == 0, item["proof"]
    assert r.hex() == root, item["proof"]
    print(f"entry {item['index']} ({item['type']}) is in the log of {size} entries")
signed = json.dumps(checkpoint["checkpoint"], sort_keys=True, separators=(",", ":"),
                    ensure_ascii=False).encode("utf-8")
(folder / "checkpoint.bin").write_bytes(signed)
(folder / "checkpoint.sig").write_bytes(base64.b64decode(checkpoint["signature"]["value"]))
print("all member hashes match manifest.json; now check checkpoint.sig with openssl")
