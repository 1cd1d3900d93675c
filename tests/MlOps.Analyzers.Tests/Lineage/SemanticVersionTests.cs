using System;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;
using MlOps.Analyzers.Facts.Pipelines;

namespace MlOps.Analyzers.Tests.Lineage;

/// <summary><see cref="SemanticVersion"/> against the regular expression semver.org suggests, which it replaces.</summary>
public class SemanticVersionTests
{
    // https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string ([0-9] for \d: ASCII digits only).
    private static readonly Regex SemVerOrg = new(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)"
        + @"(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
        + @"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        RegexOptions.CultureInvariant);

    // semver.org's own lists of valid and invalid strings (https://regex101.com/r/vkijKf/1/).
    [Theory]
    [InlineData("0.0.4")]
    [InlineData("1.2.3")]
    [InlineData("10.20.30")]
    [InlineData("1.1.2-prerelease+meta")]
    [InlineData("1.1.2+meta")]
    [InlineData("1.1.2+meta-valid")]
    [InlineData("1.0.0-alpha")]
    [InlineData("1.0.0-alpha.beta.1")]
    [InlineData("1.0.0-alpha.0valid")]
    [InlineData("1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay")]
    [InlineData("1.0.0-rc.1+build.1")]
    [InlineData("2.0.0-rc.1+build.123")]
    [InlineData("1.2.3----RC-SNAPSHOT.12.9.1--.12+788")]
    [InlineData("1.2.3----R-S.12.9.1--.12+meta")]
    [InlineData("1.0.0+0.build.1-rc.10000aaa-kk-0.1")]
    [InlineData("1.0.0-0A.is.legal")]
    [InlineData("99999999999999999999999.999999999999999999.99999999999999999")]
    public void Valid_versions(string version)
    {
        Assert.Matches(SemVerOrg, version);
        Assert.True(SemanticVersion.IsValid(version));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3-0123")]
    [InlineData("1.2.3-0123.0123")]
    [InlineData("1.1.2+.123")]
    [InlineData("+invalid")]
    [InlineData("-invalid")]
    [InlineData("-invalid+invalid")]
    [InlineData("alpha.beta")]
    [InlineData("1.0.0-alpha_beta")]
    [InlineData("1.0.0-alpha..")]
    [InlineData("1.0.0-alpha..1")]
    [InlineData("01.1.1")]
    [InlineData("1.01.1")]
    [InlineData("1.1.01")]
    [InlineData("1.2.3.DEV")]
    [InlineData("1.2-SNAPSHOT")]
    [InlineData("1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788")]
    [InlineData("+justmeta")]
    [InlineData("9.8.7+meta+meta")]
    [InlineData("9.8.7-whatever+meta+meta")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3-+meta")]
    [InlineData("1.2.3-rc.")]
    [InlineData("v1.2.3")]
    [InlineData("1.2.٣")]
    public void Invalid_versions(string version)
    {
        Assert.DoesNotMatch(SemVerOrg, version);
        Assert.False(SemanticVersion.IsValid(version));
    }

    /// <summary>
    /// Random strings over the characters that matter (digits, zero, dots, dashes, plus, letters, an underscore), biased
    /// towards version shapes: both must agree on every one. Seeded, so a failure names a string that reproduces.
    /// </summary>
    [Fact]
    public void Agrees_with_the_semver_org_regex_on_random_strings()
    {
        const string alphabet = "0011223399..--+aZz_";
        var random = new Random(20261128);
        var builder = new StringBuilder();
        var valid = 0;
        for (var n = 0; n < 50_000; n++)
        {
            builder.Clear();
            if (random.Next(2) == 0)
                builder.Append(random.Next(3)).Append('.').Append(random.Next(12)).Append('.').Append(random.Next(3)); // a core to build on
            var length = random.Next(12);
            for (var i = 0; i < length; i++)
                builder.Append(alphabet[random.Next(alphabet.Length)]);

            var text = builder.ToString();
            var expected = SemVerOrg.IsMatch(text);
            Assert.True(expected == SemanticVersion.IsValid(text), $"'{text}': semver.org says {expected}");
            if (expected)
                valid++;
        }

        Assert.InRange(valid, 1_000, 49_000); // both outcomes are well exercised
    }

    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("2", "2.0.0")]
    [InlineData("v1.2.0", "1.2.0")]
    [InlineData("V3.1", "3.1.0")]
    [InlineData("1.2-rc.1", "1.2.0-rc.1")]
    [InlineData("v1+build.5", "1.0.0+build.5")]
    public void An_evident_SemVer_form_is_completed(string version, string expected)
    {
        Assert.Equal(expected, SemanticVersion.Completed(version));
        Assert.True(SemanticVersion.IsValid(expected));
    }

    [Theory]
    [InlineData("1.2.0")]     // valid already
    [InlineData("1.2.0.0")]   // a fourth number: which one is meant?
    [InlineData("01.2.0")]    // a leading zero
    [InlineData("1.2.0-")]
    [InlineData("latest")]
    [InlineData("v")]
    [InlineData("")]
    public void Nothing_is_guessed_otherwise(string version) => Assert.Null(SemanticVersion.Completed(version));

    // SemVer 2.0 precedence (semver.org §11): 1.2.0-rc.1 < 1.2.0, so the patch bump of a patch pre-release is its release.
    [Theory]
    [InlineData("1.2.3", "Patch", "1.2.4")]
    [InlineData("1.2.3", "Minor", "1.3.0")]
    [InlineData("1.2.3", "Major", "2.0.0")]
    [InlineData("0.0.0", "Patch", "0.0.1")]
    [InlineData("1.2.3+build.7", "Patch", "1.2.4")]
    [InlineData("1.2.0-rc.1", "Patch", "1.2.0")]
    [InlineData("1.2.0-rc.1", "Minor", "1.2.0")]
    [InlineData("1.2.0-rc.1", "Major", "2.0.0")]
    [InlineData("1.2.3-rc.1", "Minor", "1.3.0")]
    [InlineData("2.0.0-beta", "Major", "2.0.0")]
    public void Bumped_follows_SemVer_precedence(string version, string part, string bumped)
    {
        var next = SemanticVersion.Bumped(version, Enum.Parse<VersionPart>(part));

        Assert.Equal(bumped, next);
        Assert.Matches(SemVerOrg, next!);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("latest")]
    [InlineData("1.2.9223372036854775807")]
    public void Bumped_is_null_for_what_it_cannot_bump(string version)
        => Assert.Null(SemanticVersion.Bumped(version, VersionPart.Patch));
}
