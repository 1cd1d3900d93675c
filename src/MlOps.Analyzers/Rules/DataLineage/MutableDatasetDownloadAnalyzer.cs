using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using MlOps.Analyzers.Catalog;
using MlOps.Analyzers.Engine;
using MlOps.Analyzers.Facts.CallSites;
using MlOps.Analyzers.Facts.Paths;
using MlOps.Analyzers.Facts.Symbols;

namespace MlOps.Analyzers.Rules.DataLineage;

/// <summary>
/// MLOPS011: training code that downloads data (<c>HttpClient.Get*</c>, <c>WebClient.Download*</c>) from a URL whose
/// content can change — a branch (<c>main</c>, <c>master</c>, <c>HEAD</c>, ...), a redirector or shortener
/// (<c>aka.ms</c>, <c>bit.ly</c>, ...), or no version or commit at all — without verifying the content against a
/// digest. The next run may train on different data with nothing in the lineage to show it.
/// </summary>
/// <remarks>
/// Only URLs the path reasoning can fold to a constant are judged (a parameter at its call sites, at compilation
/// end). A URL pinned to a 40-hex commit, a release tag or a version segment, or a method that hashes what it
/// downloads (a <c>HashAlgorithm</c> / <c>IncrementalHash</c> call, or a declared <c>Sha256</c>) is not a finding.
/// </remarks>
public sealed class MutableDatasetDownloadAnalyzer : Rule
{
    /// <summary>Diagnostic property: the URL, as folded (for the fix).</summary>
    public const string UrlProperty = "Url";

    private const string Title = "Dataset downloaded from a mutable location";
    private const string Description =
        "Data downloaded from a branch, a redirector or an unversioned URL can change between runs, so two runs of the same code train on different data. "
        + "Pin the URL to a commit or release, or declare the dataset with its Sha256 and verify the download.";

    private const string MessageFormat = "'{0}' downloads '{1}', which {2}, and the content is not verified against a digest: pin the URL to a commit or release, or declare the dataset with its Sha256 and verify the download.";

    internal static readonly DiagnosticDescriptor Rule = RuleDescriptors.Create(
        RuleIds.MutableDatasetDownload,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        MessageFormat,
        Description);

    internal static readonly DiagnosticDescriptor CallSiteRule = RuleDescriptors.Create(
        RuleIds.MutableDatasetDownload,
        RuleCategories.DataLineage,
        DiagnosticSeverity.Warning,
        Title,
        "'{0}' downloads '{1}' (passed by {3}), which {2}, and the content is not verified against a digest: pin the URL to a commit or release, or declare the dataset with its Sha256 and verify the download.",
        Description,
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    private static readonly ImmutableHashSet<string> Redirectors = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "aka.ms", "bit.ly", "tinyurl.com", "goo.gl", "t.co", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly",
        "shorturl.at", "tiny.cc", "rb.gy", "git.io", "lnkd.in", "youtu.be");

    private static readonly ImmutableHashSet<string> Branches = ImmutableHashSet.Create(
        StringComparer.Ordinal, "main", "master", "HEAD", "head", "develop", "dev", "trunk", "latest", "nightly");

    private static readonly char[] PathSeparator = { '/' };
    private static readonly Regex CommitSegment = new("^[0-9a-fA-F]{40}$", RegexOptions.CultureInvariant);
    private static readonly Regex VersionSegment = new(@"^v?\d+(\.\d+)+([-+][0-9A-Za-z.-]+)?$|^v\d+$", RegexOptions.CultureInvariant);
    private static readonly Regex VersionInName = new(@"(^|[-_.])v?\d+\.\d+(\.\d+)?([-_.]|$)|(^|[-_])v\d+([-_.]|$)|(^|[-_.])(19|20)\d{2}-?\d{2}-?\d{2}([-_.]|$)", RegexOptions.CultureInvariant);
    private static readonly Regex VersionQuery = new(@"(^|[?&])(version|v|rev|revision|commit|sha|ref|tag)=[^&]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, CallSiteRule);

    internal override void Start(RuleStart start)
    {
        var symbols = start.Symbols;
        if (symbols.HttpClient is null && symbols.WebClient is null)
            return;

        var paths = new PathChecks(start, RuleIds.MutableDatasetDownload, trainingCodeOnly: true, Judge);
        start.OnInvocation(Calls.Into(ApiOwners.Other), c => // HttpClient, WebClient
        {
            var invocation = (IInvocationOperation)c.Operation;
            if (TryGetDownload(invocation, symbols, out var api, out var url) && !VerifiesContent(invocation, symbols))
                paths.Check(c, api, url, servesCallers: true); // a download helper fetches the URL its caller passes, for that caller
        });
        start.OnCompilationEnd(paths.JudgeQueued);
    }

    /// <summary>The first value of the URL that can serve different content over time.</summary>
    private static Diagnostic? Judge(PathSite site, IReadOnlyList<ResolvedPath> values)
    {
        foreach (var value in values)
        {
            if (FindMutable(value.Parts) is not { } found)
                continue;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(UrlProperty, found.Url);
            return site.AtCallSites
                ? Diagnostic.Create(CallSiteRule, site.Location, properties, site.Api, found.Url, found.Reason, value.Via?.Description ?? "its caller")
                : Diagnostic.Create(Rule, site.Location, properties, site.Api, found.Url, found.Reason);
        }

        return null;
    }

    /// <summary><c>HttpClient.GetAsync / GetStringAsync / GetByteArrayAsync / GetStreamAsync</c> (and the sync <c>Get*</c> forms), <c>WebClient.Download*</c>.</summary>
    private static bool TryGetDownload(IInvocationOperation invocation, MlSymbols symbols, out string api, out IOperation url)
    {
        api = string.Empty;
        url = invocation;
        var method = invocation.TargetMethod;
        var isHttp = method.Name.StartsWith("Get", StringComparison.Ordinal) && MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.HttpClient);
        var isWebClient = method.Name.StartsWith("Download", StringComparison.Ordinal) && MlSymbols.IsOrDerivesFrom(method.ContainingType, symbols.WebClient);
        if (!isHttp && !isWebClient)
            return false;

        foreach (var argument in invocation.Arguments)
        {
            var type = argument.Parameter?.Type;
            if (type is null || (type.SpecialType != SpecialType.System_String && !MlSymbols.Is(type, symbols.Uri)))
                continue;
            api = (isHttp ? "HttpClient." : "WebClient.") + method.Name;
            url = argument.Value;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The method hashes what it downloads: a <c>HashAlgorithm</c> / <c>IncrementalHash</c> call (e.g.
    /// <c>SHA256.HashData</c>), the lineage run-time API (<c>DatasetFingerprint.Compute(dataset)</c>, which checks a
    /// declared dataset against its pinned <c>Sha256</c>, or <c>DatasetHasher.ComputeSha256</c>), or a read of a
    /// declared <c>Sha256</c> (<c>DatasetDeclaration.Sha256</c>).
    /// </summary>
    private static bool VerifiesContent(IOperation operation, MlSymbols symbols)
    {
        var root = operation;
        while (root.Parent is not null)
            root = root.Parent;
        foreach (var descendant in root.DescendantsAndSelf())
        {
            switch (descendant)
            {
                case IInvocationOperation call when MlSymbols.IsOrDerivesFrom(call.TargetMethod.ContainingType, symbols.HashAlgorithm)
                                                    || MlSymbols.Is(call.TargetMethod.ContainingType, symbols.IncrementalHash)
                                                    || MlSymbols.Is(call.TargetMethod.ContainingType, symbols.DatasetHasher)
                                                    || (MlSymbols.Is(call.TargetMethod.ContainingType, symbols.DatasetFingerprint) && call.TargetMethod.Name == "Compute"):
                    return true;
                case IPropertyReferenceOperation property when property.Property.Name == "Sha256"
                                                               && (MlSymbols.Is(property.Property.ContainingType, symbols.DatasetDeclaration)
                                                                   || MlSymbols.Is(property.Property.ContainingType, symbols.DatasetInputAttribute)):
                    return true;
            }
        }

        return false;
    }

    private static (string Url, string Reason)? FindMutable(ImmutableArray<PathPart> parts)
    {
        if (parts.Any(p => p.Kind != PathPartKind.Text))
            return null; // not fully known: the rule cannot tell
        var url = PathValue.Render(parts);
        return WhyMutable(url) is { } reason ? (url, reason) : null;
    }

    /// <summary>Why <paramref name="url"/> can serve different content over time, or null when it is pinned (or not an http(s) URL).</summary>
    internal static string? WhyMutable(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return null;

        var host = uri.Host;
        if (Redirectors.Contains(host) || (host.Equals("go.microsoft.com", StringComparison.OrdinalIgnoreCase) && uri.AbsolutePath.IndexOf("fwlink", StringComparison.OrdinalIgnoreCase) >= 0))
            return $"goes through the redirector '{host}'";

        var segments = uri.AbsolutePath.Split(PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Any(s => CommitSegment.IsMatch(s)))
            return null;

        for (var i = 0; i < segments.Length; i++)
        {
            if (Branches.Contains(segments[i]))
                return $"is on the branch '{segments[i]}'";
            if (segments[i] == "heads" && i > 0 && segments[i - 1] == "refs" && i + 1 < segments.Length)
                return $"is on the branch '{segments[i + 1]}'";
        }

        var query = uri.Query;
        var branchQuery = Regex.Match(query, @"(^|[?&])(ref|branch)=(main|master|HEAD|develop|dev|trunk|latest)(&|$)", RegexOptions.CultureInvariant);
        if (branchQuery.Success)
            return $"is on the branch '{branchQuery.Groups[3].Value}'";

        // Immutable by construction: a release asset, a DOI, a Zenodo record.
        for (var i = 0; i + 2 < segments.Length; i++)
        {
            if (segments[i] == "releases" && segments[i + 1] == "download")
                return null;
        }

        if (host.Equals("doi.org", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".doi.org", StringComparison.OrdinalIgnoreCase))
            return null;
        if (host.EndsWith("zenodo.org", StringComparison.OrdinalIgnoreCase) && segments.Length > 1 && segments[0] is "record" or "records" && segments[1].All(char.IsDigit))
            return null;

        if (segments.Any(s => VersionSegment.IsMatch(s) || VersionInName.IsMatch(s)) || VersionQuery.IsMatch(query))
            return null;

        return "has no version or commit in it";
    }
}
