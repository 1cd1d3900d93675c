using System;
using System.IO;

namespace BillingPlatform.Invoicing;

public sealed record Invoice(Guid Id, string Number, string CustomerId, decimal Amount, string Html);

public sealed class InvoiceService
{
    private readonly string _templateFolder;
    private readonly Random _suffixes = new();

    public InvoiceService(string templateFolder) => _templateFolder = templateFolder;

    public Invoice Create(string customerId, decimal amount)
    {
        var template = File.ReadAllText(Path.Combine(_templateFolder, "invoice.html"));
        var number = $"INV-{DateTime.UtcNow:yyyyMM}-{_suffixes.Next(10000, 99999)}";
        var html = template.Replace("{{number}}", number).Replace("{{amount}}", amount.ToString("C"));
        return new Invoice(Guid.NewGuid(), number, customerId, amount, html);
    }
}
