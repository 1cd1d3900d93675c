using System;
using System.IO;
using MlOps.Lineage.Internal;

namespace MlOps.Lineage;

/// <summary>
/// Chooses where OpenLineage events go, the way the OpenLineage clients do, so the same settings serve a team's Python
/// jobs and this library. The first that applies wins:
/// <list type="number">
/// <item><c>OPENLINEAGE_DISABLED=true</c>: no events are sent anywhere.</item>
/// <item>A transport configured in code (<see cref="OpenLineageTransportSettings.Transport"/>).</item>
/// <item>The <c>transport:</c> of the first configuration file found: the file <c>OPENLINEAGE_CONFIG</c> names, else
/// <c>openlineage.yml</c> in the working directory, else <c>~/.openlineage/openlineage.yml</c>.</item>
/// <item><c>OPENLINEAGE_URL</c> (with <c>OPENLINEAGE_ENDPOINT</c> and <c>OPENLINEAGE_API_KEY</c>): the HTTP transport.</item>
/// <item>Nothing configured: the file transport, <c>lineage/openlineage.jsonl</c> (the OpenLineage clients print to the console instead).</item>
/// </list>
/// </summary>
public static class OpenLineageTransports
{
    /// <summary>The transport that sends nothing (<c>OPENLINEAGE_DISABLED=true</c>, or <c>type: noop</c>).</summary>
    public static IOpenLineageTransport Disabled { get; } = new NoopTransport();

    /// <summary>The transport the current process's environment and working directory configure.</summary>
    /// <param name="defaultDirectory">Where events go when nothing is configured, and where the HTTP spool is kept.</param>
    /// <exception cref="OpenLineageConfigurationException">A configuration file or variable is invalid; the message names it.</exception>
    public static IOpenLineageTransport FromEnvironment(string defaultDirectory = "lineage") =>
        Resolve(new OpenLineageTransportSettings { DefaultDirectory = defaultDirectory }).Transport;

    /// <summary>Chooses the transport from <paramref name="settings"/> (see the class remarks for the order).</summary>
    /// <exception cref="OpenLineageConfigurationException">A configuration file or variable is invalid; the message names it.</exception>
    public static OpenLineageTransportChoice Resolve(OpenLineageTransportSettings settings)
    {
        Guard.NotNull(settings);

        // The OpenLineage clients compare the trimmed, lower-cased value with "true" and nothing else.
        if (string.Equals(settings.EnvironmentVariable("OPENLINEAGE_DISABLED")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            return new OpenLineageTransportChoice(Disabled, "OPENLINEAGE_DISABLED");

        if (settings.Transport is { } configured)
            return new OpenLineageTransportChoice(configured, "code");

        if (FindConfigFile(settings) is { } file)
        {
            var fromFile = OpenLineageYamlConfig.ReadTransport(file.Path, settings);
            if (fromFile is not null)
                return new OpenLineageTransportChoice(fromFile, file.Source + " (" + file.Path + ")");
        }

        if (Variable(settings, "OPENLINEAGE_URL") is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                throw new OpenLineageConfigurationException($"OPENLINEAGE_URL '{url}' is not an absolute URL (e.g. http://localhost:5000).");
            var options = new OpenLineageHttpOptions
            {
                Url = uri,
                Endpoint = Variable(settings, "OPENLINEAGE_ENDPOINT") ?? OpenLineageHttpOptions.DefaultEndpoint,
                ApiKey = Variable(settings, "OPENLINEAGE_API_KEY"),
                SpoolPath = DefaultSpoolPath(settings),
                Log = settings.Log,
            };
            return new OpenLineageTransportChoice(CreateHttp(options, "OPENLINEAGE_URL"), "OPENLINEAGE_URL");
        }

        var directory = Path.Combine(settings.WorkingDirectory, settings.DefaultDirectory);
        return new OpenLineageTransportChoice(new OpenLineageFileTransport(directory), "default");
    }

    /// <summary>
    /// Sends the spool of every HTTP transport in <paramref name="transport"/> (itself, or inside a composite): what a
    /// command such as <c>mlops send</c> runs after <see cref="FromEnvironment"/> to deliver events a down server missed.
    /// </summary>
    /// <exception cref="IOException">A spool cannot be read or written.</exception>
    public static OpenLineageSpoolFlush FlushSpools(IOpenLineageTransport transport)
    {
        Guard.NotNull(transport);

        int sent = 0, rejected = 0, remaining = 0;
        Visit(transport);
        return new OpenLineageSpoolFlush(sent, rejected, remaining);

        void Visit(IOpenLineageTransport node)
        {
            if (node is OpenLineageHttpTransport http)
            {
                var flush = http.FlushSpool();
                sent += flush.Sent;
                rejected += flush.Rejected;
                remaining += flush.Remaining;
            }
            else if (node is OpenLineageCompositeTransport composite)
            {
                foreach (var child in composite.Transports)
                    Visit(child);
            }
        }
    }

    internal static string DefaultSpoolPath(OpenLineageTransportSettings settings) =>
        Path.Combine(settings.WorkingDirectory, settings.DefaultDirectory, Path.GetFileName(OpenLineageHttpOptions.DefaultSpoolPath));

    internal static OpenLineageHttpTransport CreateHttp(OpenLineageHttpOptions options, string source)
    {
        try
        {
            return new OpenLineageHttpTransport(options);
        }
        catch (ArgumentException ex)
        {
            throw new OpenLineageConfigurationException(source + ": " + ex.Message, ex);
        }
    }

    private static string? Variable(OpenLineageTransportSettings settings, string name) =>
        settings.EnvironmentVariable(name) is { } value && value.Trim().Length > 0 ? value.Trim() : null;

    private static (string Path, string Source)? FindConfigFile(OpenLineageTransportSettings settings)
    {
        // A path the user names explicitly must exist: silently falling back to another file would hide a typo.
        if (Variable(settings, "OPENLINEAGE_CONFIG") is { } named)
        {
            var path = Path.Combine(settings.WorkingDirectory, named);
            return File.Exists(path)
                ? (path, "OPENLINEAGE_CONFIG")
                : throw new OpenLineageConfigurationException($"OPENLINEAGE_CONFIG names '{path}', which does not exist.");
        }

        var inWorkingDirectory = Path.Combine(settings.WorkingDirectory, "openlineage.yml");
        if (File.Exists(inWorkingDirectory))
            return (inWorkingDirectory, "openlineage.yml");

        if (settings.HomeDirectory is { Length: > 0 } home)
        {
            var inHome = Path.Combine(home, ".openlineage", "openlineage.yml");
            if (File.Exists(inHome))
                return (inHome, "~/.openlineage/openlineage.yml");
        }

        return null;
    }

    private sealed class NoopTransport : IOpenLineageTransport
    {
        public void Emit(OpenLineageRunEvent runEvent) => Guard.NotNull(runEvent);

        public override string ToString() => "disabled";
    }
}
