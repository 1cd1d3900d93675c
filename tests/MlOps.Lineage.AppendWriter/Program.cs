using System;
using System.Collections.Generic;
using System.Globalization;
using MlOps.Lineage;

// Usage: MlOps.Lineage.AppendWriter <directory> <file name> <event count>
// Appends <event count> START events (one new run each) to <directory>/<file name> and exits 0; any failure exits 1
// with the exception on standard error.
if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: MlOps.Lineage.AppendWriter <directory> <file name> <event count>");
    return 2;
}

try
{
    var pipeline = new PipelineInfo(
        "append-writer",
        "1.0.0",
        seed: 7,
        datasets: [],
        modelOutputs: [],
        hyperparameters: new Dictionary<string, object?> { ["process"] = Environment.ProcessId },
        codeFingerprint: new string('a', 64),
        sourceRevision: "unknown");
    var transport = new OpenLineageFileTransport(args[0], args[1]);
    for (var i = 0; i < count; i++)
        transport.Emit(pipeline.Capture().StartEvent());
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex);
    return 1;
}
