using System;
using System.Threading.Tasks;
using BillingPlatform.Customers;
using BillingPlatform.Invoicing;
using BillingPlatform.Risk;

namespace BillingPlatform;

public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : "")
        {
            case "import-customers":
                var customers = CustomerImport.FromCsv(args[1]);
                Console.WriteLine($"imported {customers.Count} customers; survey: {string.Join(", ", CustomerImport.PickSurveyRecipients(customers, 5))}");
                return 0;
            case "invoice":
                var service = new InvoiceService("templates");
                var invoice = await RetryPolicy.ExecuteAsync(() => Task.FromResult(service.Create(args[1], decimal.Parse(args[2]))));
                Console.WriteLine(invoice.Number);
                return 0;
            case "train-risk":
                var modelPath = RiskModelOrchestrator.TrainAndRecord();
                Console.WriteLine($"risk model: {modelPath}");
                return 0;
            case "score":
                using (var client = new RiskScoringClient("models/payment-risk-2.3.0.zip"))
                    Console.WriteLine(client.IsRisky(new PaymentRow { Amount = float.Parse(args[1]) }));
                return 0;
            default:
                Console.Error.WriteLine("usage: billing import-customers|invoice|train-risk|score ...");
                return 2;
        }
    }
}
