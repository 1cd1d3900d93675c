using Microsoft.ML.Data;

namespace HousePriceSweep;

public sealed class HouseRecord
{
    [LoadColumn(0)] public float Rooms { get; set; }
    [LoadColumn(1)] public float SquareMeters { get; set; }
    [LoadColumn(2)] public float YearBuilt { get; set; }
    [LoadColumn(3)] public float DistanceToCenterKm { get; set; }
    [LoadColumn(4), ColumnName("Label")] public float Price { get; set; }
}
