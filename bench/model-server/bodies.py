"""Writes the benchmark's request bodies from the committed reference inputs: one sample
(joints 1x7, image 1x3x64x64) as an OIP JSON body and as a binary-extension body."""
import json
import pathlib
import struct
import sys

reference = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
joints = reference.joinpath("joints.bin").read_bytes()[: 7 * 4]
image = reference.joinpath("image.bin").read_bytes()[: 3 * 64 * 64 * 4]


def floats(raw):
    return list(struct.unpack(f"<{len(raw) // 4}f", raw))


json_body = {"inputs": [
    {"name": "joints", "shape": [1, 7], "datatype": "FP32", "data": floats(joints)},
    {"name": "image", "shape": [1, 3, 64, 64], "datatype": "FP32", "data": floats(image)}]}
out.joinpath("infer.json").write_text(json.dumps(json_body, separators=(",", ":")))

header = json.dumps({"inputs": [
    {"name": "joints", "shape": [1, 7], "datatype": "FP32", "parameters": {"binary_data_size": len(joints)}},
    {"name": "image", "shape": [1, 3, 64, 64], "datatype": "FP32", "parameters": {"binary_data_size": len(image)}}]},
    separators=(",", ":")).encode()
out.joinpath("infer.bin").write_bytes(header + joints + image)
out.joinpath("infer.bin.header").write_text(str(len(header)))
