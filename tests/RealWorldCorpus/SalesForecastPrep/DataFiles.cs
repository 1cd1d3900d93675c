using System.IO;

namespace SalesForecastPrep;

/// <summary>Where the shared drive keeps the reference files the forecasts join in.</summary>
public static class DataFiles
{
    public const string DefaultHolidays = "data/holidays.csv";

    public static string Promotions { get; } = Path.Combine("data", "reference", "promotions.csv");
}
