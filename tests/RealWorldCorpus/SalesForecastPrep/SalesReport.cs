using System;
using Microsoft.Data.Analysis;

namespace SalesForecastPrep;

/// <summary>Console summaries for the analysts; nothing here feeds a model.</summary>
public static class SalesReport
{
    public static void PrintSummary(DataFrame frame)
    {
        Console.WriteLine($"{frame.Rows.Count} rows, {frame.Columns.Count} columns");
        Console.WriteLine(frame.Description());
        Console.WriteLine("A few random rows:");
        Console.WriteLine(frame.Sample(10));
    }
}
