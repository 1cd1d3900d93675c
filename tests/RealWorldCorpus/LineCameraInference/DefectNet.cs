using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LineCameraInference;

/// <summary>The network definition, copied from the training repository so the weights load into it.</summary>
public sealed class DefectNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv1 = nn.Conv2d(1, 16, 3, padding: 1);
    private readonly Conv2d _conv2 = nn.Conv2d(16, 32, 3, padding: 1);
    private readonly Linear _hidden = nn.Linear(32 * 16 * 16, 128);
    private readonly Linear _output = nn.Linear(128, 2);

    public DefectNet() : base("DefectCnn") => RegisterComponents();

    public override Tensor forward(Tensor input)
    {
        var x = nn.functional.max_pool2d(nn.functional.relu(_conv1.forward(input)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(_conv2.forward(x)), 2);
        x = nn.functional.dropout(x, 0.25); // expect: MLOPS042
        x = nn.functional.relu(_hidden.forward(x.flatten(1)));
        return _output.forward(x);
    }
}
