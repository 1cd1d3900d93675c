using System;
using System.IO;
using System.Threading;
using MlOps.Lineage;

// Usage: MlOps.Lineage.SaveProcess <model path> stream|path
// Prints "SAVING <temporary path>" once 8 MB of the model are written, then blocks inside the save until killed.
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: MlOps.Lineage.SaveProcess <model path> stream|path");
    return 64;
}

var chunk = new byte[1 << 20];
new Random(1).NextBytes(chunk);

void WriteAndWait(Stream stream, string temporaryPath)
{
    for (var i = 0; i < 8; i++)
        stream.Write(chunk, 0, chunk.Length);
    stream.Flush();
    Console.WriteLine("SAVING " + temporaryPath);
    Console.Out.Flush();
    Thread.Sleep(Timeout.Infinite);
}

if (args[1] == "path")
{
    ModelArtifact.SaveUsingPath(args[0], temporaryPath =>
    {
        using var file = File.Create(temporaryPath);
        WriteAndWait(file, temporaryPath);
    });
}
else
{
    ModelArtifact.Save(args[0], stream => WriteAndWait(stream, ((FileStream)stream).Name));
}

return 0;
