using System;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchSharpTrainer.Unchecked;

public static class Program
{
    private const int Seed = 1234;
    private const int BatchSize = 64;

    public static void Main()
    {
        manual_seed(Seed);
        var (trainX, trainY) = Spirals.Make(800, Seed);
        var (testX, testY) = Spirals.Make(200, Seed + 1);

        var model = new SpiralNet(hidden: 32);
        var optimizer = optim.Adam(model.parameters(), lr: 0.01);
        var loss = nn.CrossEntropyLoss();

        optimizer.zero_grad();
        for (var epoch = 0; epoch < 30; epoch++)
        {
            model.train();
            for (var start = 0; start < trainX.shape[0]; start += BatchSize)
            {
                var x = trainX[TensorIndex.Slice(start, start + BatchSize)];
                var y = trainY[TensorIndex.Slice(start, start + BatchSize)];
                var output = loss.forward(model.forward(x), y);
                output.backward();
                optimizer.step();
            }

            Console.WriteLine($"epoch {epoch}: test accuracy {Evaluate(model, testX, testY):P1}");
        }
    }

    private static float Evaluate(SpiralNet model, Tensor x, Tensor y)
    {
        torch.no_grad();
        var predicted = model.forward(x).argmax(1);
        return predicted.eq(y).to_type(ScalarType.Float32).mean().item<float>();
    }
}

/// <summary>A small MLP with dropout between its layers.</summary>
public sealed class SpiralNet : nn.Module<Tensor, Tensor>
{
    private readonly TorchSharp.Modules.Linear _input;
    private readonly TorchSharp.Modules.Linear _hidden;
    private readonly TorchSharp.Modules.Linear _output;

    public SpiralNet(int hidden)
        : base(nameof(SpiralNet))
    {
        _input = nn.Linear(2, hidden);
        _hidden = nn.Linear(hidden, hidden);
        _output = nn.Linear(hidden, 2);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = nn.functional.relu(_input.forward(x));
        x = nn.functional.dropout(nn.functional.relu(_hidden.forward(x)), 0.2);
        return _output.forward(x);
    }
}

/// <summary>Two interleaved spirals (labels 0 and 1), generated from a seeded System.Random.</summary>
public static class Spirals
{
    public static (Tensor Points, Tensor Labels) Make(int perClass, int seed)
    {
        var random = new Random(seed);
        var points = new float[perClass * 2 * 2];
        var labels = new long[perClass * 2];
        for (var i = 0; i < perClass * 2; i++)
        {
            var label = i % 2;
            var t = (i / 2) / (double)perClass * 3 * Math.PI;
            var sign = label == 0 ? 1 : -1;
            points[2 * i] = (float)(sign * t * Math.Cos(t) / 10 + random.NextDouble() * 0.05);
            points[2 * i + 1] = (float)(sign * t * Math.Sin(t) / 10 + random.NextDouble() * 0.05);
            labels[i] = label;
        }

        return (tensor(points, new long[] { perClass * 2, 2 }), tensor(labels));
    }
}
