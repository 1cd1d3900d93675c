using System.Reflection;
using System.Runtime.Versioning;

namespace MlOps.Lineage.Tests;

/// <summary>
/// These tests run twice: here against the net8.0 build of MlOps.Lineage, and from MlOps.Lineage.Tests.NetStandard
/// against the netstandard2.0 build. This proves each run loads the build it means to test.
/// </summary>
public sealed class BuildUnderTestTests
{
#if LINEAGE_NETSTANDARD
    private const string Expected = ".NETStandard,Version=v2.0";
#else
    private const string Expected = ".NETCoreApp,Version=v8.0";
#endif

    [Fact]
    public void The_intended_build_of_MlOps_Lineage_is_loaded()
    {
        var framework = typeof(LineageRecord).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

        Assert.Equal(Expected, framework);
    }
}
