using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace DefectDetectorTorch;

/// <summary>The teacher: two conv blocks and a classifier head.</summary>
public sealed class DefectCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1 = nn.Conv2d(1, 16, 3, padding: 1);
    private readonly Conv2d _conv2 = nn.Conv2d(16, 32, 3, padding: 1);
    private readonly Linear _hidden = nn.Linear(32 * 16 * 16, 128);
    private readonly Dropout _headDropout = nn.Dropout(0.5);
    private readonly Linear _output = nn.Linear(128, 2);

    public DefectCnn() : base(nameof(DefectCnn)) => RegisterComponents();

    public override Tensor forward(Tensor input)
    {
        var x = nn.functional.max_pool2d(nn.functional.relu(_conv1.forward(input)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(_conv2.forward(x)), 2);
        x = nn.functional.dropout(x, 0.25); // expect: MLOPS042
        x = nn.functional.relu(_hidden.forward(x.flatten(1)));
        return _output.forward(_headDropout.forward(x));
    }
}

/// <summary>The student for the edge devices: a quarter of the teacher's width.</summary>
public sealed class StudentCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv = nn.Conv2d(1, 8, 3, padding: 1);
    private readonly Linear _output = nn.Linear(8 * 32 * 32, 2);

    public StudentCnn() : base(nameof(StudentCnn)) => RegisterComponents();

    public override Tensor forward(Tensor input)
    {
        var x = nn.functional.max_pool2d(nn.functional.relu(_conv.forward(input)), 2);
        x = nn.functional.dropout(x, 0.1, training: this.training);
        return _output.forward(x.flatten(1));
    }
}
