using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace BillingPlatform.Customers;

public sealed record Customer(string Id, string Name, string Country);

public static class CustomerImport
{
    public static List<Customer> FromCsv(string path)
        => File.ReadAllLines(path)
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(f => new Customer(f[0], f[1], f[2]))
            .ToList();

    /// <summary>Customer-satisfaction survey: a few random customers each week.</summary>
    public static IEnumerable<string> PickSurveyRecipients(IReadOnlyList<Customer> customers, int count)
    {
        var random = new Random();
        return customers.OrderBy(_ => random.Next()).Take(count).Select(c => c.Id);
    }
}
