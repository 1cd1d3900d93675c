using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace MlOps.Samples;

/// <summary>
/// Writes the samples' data set: 4,000 synthetic telecom customers with a learnable churn signal (short tenure,
/// high charges, month-to-month contracts and support calls raise the odds). Seeded, so every machine gets the
/// same bytes and the lineage digest of a fresh run is the same everywhere.
/// </summary>
public static class SyntheticChurnData
{
    public const int Rows = 4000;
    public const int DataSeed = 20261128;

    /// <summary>Writes the CSV at <paramref name="path"/> unless it already exists; returns true when it wrote it.</summary>
    public static bool EnsureExists(string path)
    {
        if (File.Exists(path))
            return false;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var random = new Random(DataSeed);
        var csv = new StringBuilder("Tenure,MonthlyCharges,SupportCalls,MonthToMonth,Churned\n");
        for (var i = 0; i < Rows; i++)
        {
            var tenure = random.Next(1, 73);
            var charges = Math.Round(18 + random.NextDouble() * 100, 2);
            var calls = random.Next(0, 8);
            var monthToMonth = random.NextDouble() < 0.55;
            var logit = -1.2 - 0.045 * tenure + 0.025 * charges + 0.35 * calls + (monthToMonth ? 1.1 : -0.6);
            var churned = random.NextDouble() < 1 / (1 + Math.Exp(-logit));
            csv.Append(CultureInfo.InvariantCulture, $"{tenure},{charges},{calls},{(monthToMonth ? 1 : 0)},{(churned ? "true" : "false")}\n");
        }

        File.WriteAllText(path, csv.ToString());
        return true;
    }
}
