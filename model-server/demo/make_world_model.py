"""Makes the demo "world model" (ARCHITECTURE §3) and its reference inputs and outputs.

Run with Debian's python3-torch:  /usr/bin/python3 model-server/demo/make_world_model.py
It writes, beside the model repository it fills:
  models/world_model/1/model.pt     TorchScript (traced)
  models/world_model/1/model.onnx   the same network, ONNX opset 13, dynamic batch dimension
  model-server/demo/reference/      inputs and outputs computed here, little-endian raw tensors + shapes.json

The weights are random with a fixed seed: the point is a real network of the right shape and cost, whose
answers the server must reproduce exactly, not a trained policy.
"""
import json
import pathlib

import torch
from torch import nn

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERSION_DIR = ROOT / "models" / "world_model" / "1"
REFERENCE_DIR = pathlib.Path(__file__).resolve().parent / "reference"
REFERENCE_SAMPLES = 4


class WorldModel(nn.Module):
    """Camera frame + joint angles -> next joint action and a confidence."""

    def __init__(self):
        super().__init__()
        self.vision = nn.Sequential(
            nn.Conv2d(3, 16, kernel_size=5, stride=2, padding=2), nn.ReLU(),   # 32 x 32
            nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1), nn.ReLU(),  # 16 x 16
            nn.Conv2d(32, 64, kernel_size=3, stride=2, padding=1), nn.ReLU(),  # 8 x 8
            nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.body = nn.Sequential(nn.Linear(64 + 7, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
        self.action = nn.Linear(64, 7)
        self.confidence = nn.Linear(64, 1)

    def forward(self, joints, image):
        features = self.body(torch.cat([self.vision(image), joints], dim=1))
        return torch.tanh(self.action(features)), torch.sigmoid(self.confidence(features))


def write_raw(name, tensor):
    (REFERENCE_DIR / f"{name}.bin").write_bytes(tensor.contiguous().numpy().astype("<f4").tobytes())
    return list(tensor.shape)


def main():
    torch.manual_seed(20261121)
    model = WorldModel().eval()
    parameters = sum(p.numel() for p in model.parameters())
    joints = torch.rand(REFERENCE_SAMPLES, 7) * 2 - 1
    image = torch.rand(REFERENCE_SAMPLES, 3, 64, 64)

    VERSION_DIR.mkdir(parents=True, exist_ok=True)
    REFERENCE_DIR.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        traced = torch.jit.trace(model, (joints, image))
        traced.save(str(VERSION_DIR / "model.pt"))
        torch.onnx.export(model, (joints, image), str(VERSION_DIR / "model.onnx"), opset_version=13,
                          input_names=["joints", "image"], output_names=["action", "confidence"],
                          dynamic_axes={name: {0: "batch"} for name in ["joints", "image", "action", "confidence"]})
        action, confidence = model(joints, image)

    shapes = {name: write_raw(name, tensor) for name, tensor in
              [("joints", joints), ("image", image), ("action", action), ("confidence", confidence)]}
    (REFERENCE_DIR / "shapes.json").write_text(json.dumps(
        {"datatype": "FP32", "byte_order": "little-endian", "torch": torch.__version__,
         "parameters": parameters, "shapes": shapes}, indent=2) + "\n")
    print(f"world_model: {parameters} parameters -> {VERSION_DIR}")


if __name__ == "__main__":
    main()
