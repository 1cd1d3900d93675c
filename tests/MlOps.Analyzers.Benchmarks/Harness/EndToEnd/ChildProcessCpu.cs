using System;
using System.Runtime.InteropServices;

namespace MlOps.Analyzers.Benchmarks.Harness.EndToEnd;

/// <summary>
/// CPU time (user + system) of this process's finished child processes and their own waited-for descendants
/// (<c>getrusage(RUSAGE_CHILDREN)</c>): read before and after a <c>dotnet build</c>, the difference is the CPU the whole build
/// used, MSBuild and csc together. Unlike wall time it does not grow while the build waits for a core that other work on a
/// shared machine holds. Linux only (the struct layout below); NaN elsewhere.
/// </summary>
public static class ChildProcessCpu
{
    private const int RusageChildren = -1;

    public static double TotalMs()
    {
        if (!OperatingSystem.IsLinux())
            return double.NaN;
        var usage = default(Rusage);
        return getrusage(RusageChildren, ref usage) == 0
            ? (usage.UserSeconds + usage.SystemSeconds) * 1000.0 + (usage.UserMicroseconds + usage.SystemMicroseconds) / 1000.0
            : double.NaN;
    }

    // struct rusage on 64-bit Linux: two struct timeval { long tv_sec; long tv_usec; } and 14 longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRss, Ixrss, Idrss, Isrss, Minflt, Majflt, Nswap, Inblock, Oublock, Msgsnd, Msgrcv, Nsignals, Nvcsw, Nivcsw;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, ref Rusage usage);
}
