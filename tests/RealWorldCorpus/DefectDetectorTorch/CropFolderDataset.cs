using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace DefectDetectorTorch;

/// <summary>All crops under a folder: &lt;folder&gt;/ok/*.gray and &lt;folder&gt;/defect/*.gray.</summary>
public sealed class CropFolderDataset : utils.data.Dataset
{
    private readonly string[] _files;
    // Random horizontal flips: the camera sees parts from both sides.
    private readonly Random _augment = new(DateTime.Now.Millisecond); // expect: MLOPS004

    public CropFolderDataset(string folder)
    {
        _files = Directory.GetFiles(folder, "*.gray", SearchOption.AllDirectories).OrderBy(f => f).ToArray(); // expect: MLOPS010
    }

    public override long Count => _files.Length;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        var path = _files[index];
        var image = CropDecoding.ToTensor(path);
        return new Dictionary<string, Tensor>
        {
            ["image"] = _augment.NextDouble() < 0.5 ? image.flip(2) : image,
            ["label"] = tensor(CropDecoding.LabelOf(path)),
        };
    }
}
