using System;
using Microsoft.Data.Analysis;
using SalesForecastPrep;

var salesPath = args.Length > 0 ? args[0] : "data/sales.csv";
var storesPath = Environment.GetEnvironmentVariable("STORES_CSV") ?? "data/stores.csv";

// Exploration: what does the raw export look like?
var raw = DataFrame.LoadCsv(salesPath);
SalesReport.PrintSummary(raw);

var stores = DataFrame.LoadCsv(storesPath);
var cleaned = Cleaning.DropReturns(Cleaning.FillMissingPrices(raw));
var joined = cleaned.Merge<long>(stores, "StoreId", "StoreId");
Console.WriteLine($"{joined.Rows.Count} rows after the join");

var rmse = BaselineForecast.Train(salesPath);
Console.WriteLine($"baseline RMSE {rmse:F2}");
FeatureExport.WriteFeatures(joined, "out/features.csv");
