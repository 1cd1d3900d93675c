using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using MlOps.Lineage;

// Usage:
//   MlOps.Lineage.ConcurrentClient append <directory> <file name> <event count>
//     appends <event count> START events (one new run each) to <directory>/<file name>;
//   MlOps.Lineage.ConcurrentClient flush <spool path> <server url>
//     sends the spool to the server and prints how many events this process sent.
// Exits 0 on success, 1 with the exception on standard error, 2 on a usage error.
try
{
    switch (args)
    {
        case ["append", var directory, var fileName, var countText] when int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count):
            var pipeline = new PipelineInfo(
                "concurrent-client",
                "1.0.0",
                seed: 7,
                datasets: [],
                modelOutputs: [],
                hyperparameters: new Dictionary<string, object?> { ["process"] = Environment.ProcessId },
                codeFingerprint: new string('a', 64),
                sourceRevision: "unknown");
            var transport = new OpenLineageFileTransport(directory, fileName);
            for (var i = 0; i < count; i++)
                transport.Emit(pipeline.Capture().StartEvent());
            return 0;

        case ["flush", var spoolPath, var url]:
            using (var http = new OpenLineageHttpTransport(new OpenLineageHttpOptions { Url = new Uri(url), SpoolPath = spoolPath, Log = TextWriter.Null }))
                Console.WriteLine(http.FlushSpool().Sent.ToString(CultureInfo.InvariantCulture));
            return 0;

        default:
            Console.Error.WriteLine("usage: MlOps.Lineage.ConcurrentClient append <directory> <file name> <event count> | flush <spool path> <server url>");
            return 2;
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex);
    return 1;
}
