using System;
using System.Collections.Generic;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace LineCameraInference;

/// <summary>Loads the deployed weights once and scores crops in batches.</summary>
public sealed class DefectPredictor : IDisposable
{
    public const string WeightsPath = "models/defect-cnn.bin";
    private const int Side = 64;

    private readonly DefectNet _model = new();

    public DefectPredictor()
    {
        _model.load(WeightsPath);
        _model.eval();
    }

    public IReadOnlyList<float> DefectProbabilities(IReadOnlyList<byte[]> crops)
    {
        using var scope = NewDisposeScope();
        using var noGrad = torch.no_grad();
        var batch = stack(ToTensors(crops));
        var probabilities = nn.functional.softmax(_model.forward(batch), 1)[.., 1];
        return probabilities.data<float>().ToArray();
    }

    public float DefectProbability(string cropPath)
    {
        using var inference = torch.inference_mode();
        using var scope = NewDisposeScope();
        var crop = ToTensor(File.ReadAllBytes(cropPath)).unsqueeze(0);
        return nn.functional.softmax(_model.forward(crop), 1)[0, 1].ToSingle();
    }

    private static IEnumerable<Tensor> ToTensors(IReadOnlyList<byte[]> crops)
    {
        foreach (var crop in crops)
            yield return ToTensor(crop);
    }

    private static Tensor ToTensor(byte[] bytes)
    {
        var pixels = new float[Side * Side];
        for (var i = 0; i < pixels.Length; i++)
            pixels[i] = bytes[i] / 255f;
        return tensor(pixels).reshape(1, Side, Side);
    }

    public void Dispose() => _model.Dispose();
}
