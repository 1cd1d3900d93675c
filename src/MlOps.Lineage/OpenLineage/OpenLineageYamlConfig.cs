using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MlOps.Lineage;

/// <summary>
/// Reads the <c>transport:</c> section of an <c>openlineage.yml</c> with the OpenLineage clients' keys:
/// <c>type</c> (<c>http</c>, <c>file</c>, <c>console</c>, <c>composite</c>, <c>noop</c>); for http <c>url</c>,
/// <c>endpoint</c>, <c>timeout</c> (seconds) or <c>timeoutInMillis</c>, <c>auth: {type: api_key, apiKey}</c>,
/// <c>compression: gzip</c>, <c>retry: {total, backoff_factor}</c>; for file <c>log_file_path</c> and <c>append</c>;
/// for composite <c>transports</c> (a list, or a map of named transports) and <c>continue_on_failure</c>.
/// Unknown keys are ignored, as the clients do; a wrong value is an error that names the file, line and key.
/// </summary>
internal static class OpenLineageYamlConfig
{
    /// <summary>The configured transport, or <see langword="null"/> when the file has no <c>transport:</c> (or is empty).</summary>
    public static IOpenLineageTransport? ReadTransport(string path, OpenLineageTransportSettings settings)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new OpenLineageConfigurationException($"'{path}' is not valid YAML (line {ex.Start.Line}): {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // YamlDotNet's scanner reports some malformed input (a broken plain scalar in a flow mapping) this way.
            throw new OpenLineageConfigurationException($"'{path}' is not valid YAML: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OpenLineageConfigurationException($"'{path}' cannot be read: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return null;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw Error(path, stream.Documents[0].RootNode, "the file must be a mapping with a 'transport:' key");
        if (Child(root, "transport") is not { } transport || transport is YamlScalarNode { Value: null or "" })
            return null;

        return new Reader(path, settings).Transport(transport, "transport");
    }

    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(p => p.Key is YamlScalarNode { Value: { } name } && name == key).Value;

    private static OpenLineageConfigurationException Error(string path, YamlNode node, string problem) =>
        new($"{path}, line {node.Start.Line}: {problem}.");

    private sealed class Reader(string path, OpenLineageTransportSettings settings)
    {
        public IOpenLineageTransport Transport(YamlNode node, string key)
        {
            if (node is not YamlMappingNode mapping)
                throw Error(path, node, $"'{key}' must be a mapping with a 'type'");

            var type = Text(mapping, key, "type") ?? throw Error(path, node, $"'{key}' has no 'type' (http, file, console, composite or noop)");
            return type.ToLowerInvariant() switch
            {
                "http" => HttpTransport(mapping, key),
                "file" => FileTransport(mapping, key),
                "console" => new OpenLineageConsoleTransport(),
                "composite" => CompositeTransport(mapping, key),
                "noop" => OpenLineageTransports.Disabled,
                _ => throw Error(path, Child(mapping, "type")!, $"'{key}.type: {type}' is not a transport this library has (http, file, console, composite or noop)"),
            };
        }

        private OpenLineageHttpTransport HttpTransport(YamlMappingNode mapping, string key)
        {
            var url = Text(mapping, key, "url") ?? throw Error(path, mapping, $"'{key}' is an http transport without a 'url'");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
                throw Error(path, Child(mapping, "url")!, $"'{key}.url: {url}' is not an absolute URL (e.g. http://localhost:5000)");

            var defaults = new OpenLineageHttpOptions();
            var retry = Child(mapping, "retry") as YamlMappingNode;
            var options = new OpenLineageHttpOptions
            {
                Url = uri,
                Endpoint = Text(mapping, key, "endpoint") ?? OpenLineageHttpOptions.DefaultEndpoint,
                Timeout = Seconds(mapping, key, "timeout") ?? Milliseconds(mapping, key, "timeoutInMillis") ?? defaults.Timeout,
                ApiKey = ApiKey(mapping, key),
                Compression = Compression(mapping, key),
                MaxRetries = retry is null ? defaults.MaxRetries : (int?)Number(retry, key + ".retry", "total", integer: true) ?? defaults.MaxRetries,
                RetryDelay = retry is null ? defaults.RetryDelay : Seconds(retry, key + ".retry", "backoff_factor") ?? defaults.RetryDelay,
                SpoolPath = OpenLineageTransports.DefaultSpoolPath(settings),
                Log = settings.Log,
            };
            return OpenLineageTransports.CreateHttp(options, path);
        }

        private OpenLineageFileTransport FileTransport(YamlMappingNode mapping, string key)
        {
            var file = Text(mapping, key, "log_file_path") ?? throw Error(path, mapping, $"'{key}' is a file transport without a 'log_file_path'");
            // The clients' append: false writes each event to a new timestamped file; this library only appends.
            if (Flag(mapping, key, "append") == false)
                throw Error(path, Child(mapping, "append")!, $"'{key}.append: false' (a new file per event) is not supported; this library appends every event to log_file_path (append: true)");
            return OpenLineageFileTransport.ForFile(Path.Combine(settings.WorkingDirectory, file));
        }

        private OpenLineageCompositeTransport CompositeTransport(YamlMappingNode mapping, string key)
        {
            var transports = new List<IOpenLineageTransport>();
            switch (Child(mapping, "transports"))
            {
                case YamlSequenceNode list:
                    var index = 0;
                    foreach (var item in list.Children)
                        transports.Add(Transport(item, $"{key}.transports[{index++}]"));
                    break;
                case YamlMappingNode named:
                    foreach (var pair in named.Children)
                        transports.Add(Transport(pair.Value, $"{key}.transports.{pair.Key}"));
                    break;
                default:
                    throw Error(path, mapping, $"'{key}' is a composite transport without 'transports' (a list or a map of transports)");
            }

            if (transports.Count == 0)
                throw Error(path, mapping, $"'{key}.transports' is empty");
            return new OpenLineageCompositeTransport(transports, Flag(mapping, key, "continue_on_failure") ?? true);
        }

        private string? ApiKey(YamlMappingNode mapping, string key)
        {
            if (Child(mapping, "auth") is not { } node)
                return null;
            if (node is not YamlMappingNode auth)
                throw Error(path, node, $"'{key}.auth' must be a mapping with 'type: api_key' and 'apiKey'");

            var type = Text(auth, key + ".auth", "type");
            if (type is null)
                return null;
            if (!string.Equals(type, "api_key", StringComparison.Ordinal))
                throw Error(path, Child(auth, "type")!, $"'{key}.auth.type: {type}' is not supported (api_key)");

            // The Python client accepts these three spellings.
            return Text(auth, key + ".auth", "apiKey") ?? Text(auth, key + ".auth", "apikey") ?? Text(auth, key + ".auth", "api_key")
                ?? throw Error(path, auth, $"'{key}.auth' has type api_key but no 'apiKey'");
        }

        private OpenLineageCompression Compression(YamlMappingNode mapping, string key) =>
            Text(mapping, key, "compression")?.ToLowerInvariant() switch
            {
                null or "none" => OpenLineageCompression.None,
                "gzip" => OpenLineageCompression.Gzip,
                var other => throw Error(path, Child(mapping, "compression")!, $"'{key}.compression: {other}' is not supported (gzip)"),
            };

        private string? Text(YamlMappingNode mapping, string key, string name) => Child(mapping, name) switch
        {
            null => null,
            YamlScalarNode { Value: null or "" } => null,
            YamlScalarNode scalar => scalar.Value!.Trim(),
            var node => throw Error(path, node, $"'{key}.{name}' must be a single value"),
        };

        private bool? Flag(YamlMappingNode mapping, string key, string name) => Text(mapping, key, name)?.ToLowerInvariant() switch
        {
            null => null,
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            var other => throw Error(path, Child(mapping, name)!, $"'{key}.{name}: {other}' is not true or false"),
        };

        private double? Number(YamlMappingNode mapping, string key, string name, bool integer = false)
        {
            if (Text(mapping, key, name) is not { } text)
                return null;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value)
                || (integer && value != Math.Floor(value)) || value > int.MaxValue)
                throw Error(path, Child(mapping, name)!, $"'{key}.{name}: {text}' is not a {(integer ? "whole number" : "number")} of zero or more");
            return value;
        }

        private TimeSpan? Seconds(YamlMappingNode mapping, string key, string name) =>
            Number(mapping, key, name) is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

        private TimeSpan? Milliseconds(YamlMappingNode mapping, string key, string name) =>
            Number(mapping, key, name) is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : null;
    }
}
