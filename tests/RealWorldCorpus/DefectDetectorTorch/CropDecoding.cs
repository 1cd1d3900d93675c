using System;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace DefectDetectorTorch;

/// <summary>The camera writes each crop as 64x64 raw 8-bit grayscale (.gray), row by row.</summary>
public static class CropDecoding
{
    public const int Side = 64;

    public static Tensor ToTensor(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length != Side * Side)
            throw new InvalidDataException($"{path}: expected {Side * Side} bytes, got {bytes.Length}");

        var pixels = new float[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
            pixels[i] = bytes[i] / 255f;
        return tensor(pixels).reshape(1, Side, Side);
    }

    public static long LabelOf(string path)
        => Path.GetFileName(Path.GetDirectoryName(path))!.Equals("defect", StringComparison.OrdinalIgnoreCase) ? 1L : 0L;
}
