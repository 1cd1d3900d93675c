using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using MlOps.Lineage.Tests.Infrastructure;

namespace MlOps.Lineage.Tests.Transport;

/// <summary>
/// Choosing the transport the OpenLineage way: OPENLINEAGE_DISABLED, then code, then the first configuration file
/// (OPENLINEAGE_CONFIG, ./openlineage.yml, ~/.openlineage/openlineage.yml), then OPENLINEAGE_URL, then the events file.
/// The environment and directories are given explicitly, so the tests never touch the process's own.
/// </summary>
public sealed class TransportConfigurationTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public TransportConfigurationTests()
    {
        Directory.CreateDirectory(WorkingDirectory);
        Directory.CreateDirectory(HomeDirectory);
    }

    public void Dispose() => _temp.Dispose();

    private string WorkingDirectory => _temp.Combine("work");

    private string HomeDirectory => _temp.Combine("home");

    private OpenLineageTransportChoice Resolve(IOpenLineageTransport? inCode = null) => OpenLineageTransports.Resolve(new OpenLineageTransportSettings
    {
        Transport = inCode,
        EnvironmentVariable = name => _variables.TryGetValue(name, out var value) ? value : null,
        WorkingDirectory = WorkingDirectory,
        HomeDirectory = HomeDirectory,
        Log = TextWriter.Null,
    });

    private string WriteYaml(string relativePath, string yaml) => _temp.WriteFile(relativePath, yaml.Replace("\r\n", "\n"));

    private const string HttpYaml = """
        transport:
          type: http
          url: http://from-yaml:5000
        """;

    private static T Is<T>(OpenLineageTransportChoice choice) => Assert.IsType<T>(choice.Transport);

    [Fact]
    public void With_nothing_configured_events_go_to_the_file_in_the_default_directory()
    {
        var choice = Resolve();

        Assert.Equal("default", choice.Source);
        Assert.Equal(Path.Combine(WorkingDirectory, "lineage", "openlineage.jsonl"), Is<OpenLineageFileTransport>(choice).FilePath);
    }

    [Fact]
    public void OPENLINEAGE_URL_configures_the_http_transport_with_endpoint_and_api_key()
    {
        _variables["OPENLINEAGE_URL"] = "http://marquez:5000";
        _variables["OPENLINEAGE_API_KEY"] = "s3cret";

        var choice = Resolve();

        Assert.Equal("OPENLINEAGE_URL", choice.Source);
        var http = Is<OpenLineageHttpTransport>(choice);
        Assert.Equal("http://marquez:5000/api/v1/lineage", http.EndpointUri.AbsoluteUri);
        Assert.Equal("s3cret", http.Options.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(5), http.Options.Timeout);
        Assert.Equal(Path.Combine(WorkingDirectory, "lineage", "openlineage.spool.jsonl"), http.SpoolPath);

        _variables["OPENLINEAGE_ENDPOINT"] = "api/v2/events";
        Assert.Equal("http://marquez:5000/api/v2/events", Is<OpenLineageHttpTransport>(Resolve()).EndpointUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("true")]
    [InlineData(" TRUE ")]
    public void OPENLINEAGE_DISABLED_wins_over_code_file_and_url(string value)
    {
        _variables["OPENLINEAGE_DISABLED"] = value;
        _variables["OPENLINEAGE_URL"] = "http://marquez:5000";
        WriteYaml("work/openlineage.yml", HttpYaml);

        var choice = Resolve(inCode: new OpenLineageConsoleTransport(TextWriter.Null));

        Assert.Same(OpenLineageTransports.Disabled, choice.Transport);
        Assert.Equal("OPENLINEAGE_DISABLED", choice.Source);
    }

    [Theory]
    [InlineData("false")]
    [InlineData("1")]
    [InlineData("")]
    public void Only_true_disables(string value)
    {
        _variables["OPENLINEAGE_DISABLED"] = value;

        Assert.IsType<OpenLineageFileTransport>(Resolve().Transport);
    }

    [Fact]
    public void A_transport_configured_in_code_wins_over_the_file_and_the_url()
    {
        _variables["OPENLINEAGE_URL"] = "http://marquez:5000";
        WriteYaml("work/openlineage.yml", HttpYaml);
        var inCode = new OpenLineageConsoleTransport(TextWriter.Null);

        var choice = Resolve(inCode);

        Assert.Same(inCode, choice.Transport);
        Assert.Equal("code", choice.Source);
    }

    [Fact]
    public void openlineage_yml_in_the_working_directory_wins_over_OPENLINEAGE_URL()
    {
        _variables["OPENLINEAGE_URL"] = "http://from-env:5000";
        var file = WriteYaml("work/openlineage.yml", HttpYaml);

        var choice = Resolve();

        Assert.Equal("http://from-yaml:5000/api/v1/lineage", Is<OpenLineageHttpTransport>(choice).EndpointUri.AbsoluteUri);
        Assert.Equal($"openlineage.yml ({file})", choice.Source);
    }

    [Fact]
    public void OPENLINEAGE_CONFIG_wins_over_the_working_directory_file_and_is_resolved_against_it()
    {
        WriteYaml("work/openlineage.yml", HttpYaml);
        WriteYaml("work/config/team.yml", "transport:\n  type: console\n");
        _variables["OPENLINEAGE_CONFIG"] = "config/team.yml";

        var choice = Resolve();

        Assert.IsType<OpenLineageConsoleTransport>(choice.Transport);
        Assert.StartsWith("OPENLINEAGE_CONFIG", choice.Source);
    }

    [Fact]
    public void OPENLINEAGE_CONFIG_naming_a_missing_file_is_an_error_that_names_it()
    {
        _variables["OPENLINEAGE_CONFIG"] = "nowhere/openlineage.yml";

        var thrown = Assert.Throws<OpenLineageConfigurationException>(() => Resolve());

        Assert.Contains(Path.Combine(WorkingDirectory, "nowhere/openlineage.yml"), thrown.Message);
    }

    [Fact]
    public void The_home_file_is_used_last()
    {
        WriteYaml("home/.openlineage/openlineage.yml", "transport:\n  type: console\n");
        Assert.IsType<OpenLineageConsoleTransport>(Resolve().Transport);
        Assert.Equal("~/.openlineage/openlineage.yml (" + Path.Combine(HomeDirectory, ".openlineage", "openlineage.yml") + ")", Resolve().Source);

        WriteYaml("work/openlineage.yml", HttpYaml);
        Assert.IsType<OpenLineageHttpTransport>(Resolve().Transport);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("facets:\n  disabled: [spark_unknown]\n")]
    public void A_file_without_a_transport_falls_through_to_OPENLINEAGE_URL(string yaml)
    {
        WriteYaml("work/openlineage.yml", yaml);
        _variables["OPENLINEAGE_URL"] = "http://from-env:5000";

        Assert.Equal("OPENLINEAGE_URL", Resolve().Source);
    }

    [Fact]
    public void Every_http_key_of_the_OpenLineage_clients_is_read()
    {
        WriteYaml("work/openlineage.yml", """
            transport:
              type: http
              url: https://lineage.example.com
              endpoint: api/v1/lineage
              timeout: 2.5
              compression: gzip
              auth:
                type: api_key
                apiKey: s3cret
              retry:
                total: 2
                backoff_factor: 0.1
            """);

        var options = Is<OpenLineageHttpTransport>(Resolve()).Options;

        Assert.Equal(new Uri("https://lineage.example.com"), options.Url);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Timeout);
        Assert.Equal(OpenLineageCompression.Gzip, options.Compression);
        Assert.Equal("s3cret", options.ApiKey);
        Assert.Equal(2, options.MaxRetries);
        Assert.Equal(TimeSpan.FromSeconds(0.1), options.RetryDelay);
    }

    [Fact]
    public void timeoutInMillis_is_read_as_milliseconds()
    {
        WriteYaml("work/openlineage.yml", "transport:\n  type: http\n  url: http://m:5000\n  timeoutInMillis: 1500\n");

        Assert.Equal(TimeSpan.FromMilliseconds(1500), Is<OpenLineageHttpTransport>(Resolve()).Options.Timeout);
    }

    [Fact]
    public void A_file_transport_appends_to_log_file_path_relative_to_the_working_directory()
    {
        WriteYaml("work/openlineage.yml", "transport:\n  type: file\n  log_file_path: out/events.jsonl\n  append: true\n");

        Assert.Equal(Path.Combine(WorkingDirectory, "out", "events.jsonl"), Is<OpenLineageFileTransport>(Resolve()).FilePath);
    }

    [Fact]
    public void A_composite_lists_its_transports_in_order_as_a_list_or_a_map()
    {
        WriteYaml("work/openlineage.yml", """
            transport:
              type: composite
              continue_on_failure: false
              transports:
                - type: http
                  url: http://m:5000
                - type: file
                  log_file_path: events.jsonl
            """);
        var composite = Is<OpenLineageCompositeTransport>(Resolve());
        Assert.False(composite.ContinueOnFailure);
        Assert.Equal([typeof(OpenLineageHttpTransport), typeof(OpenLineageFileTransport)], composite.Transports.Select(t => t.GetType()));

        WriteYaml("work/openlineage.yml", """
            transport:
              type: composite
              transports:
                local:
                  type: file
                  log_file_path: events.jsonl
                screen:
                  type: console
            """);
        composite = Is<OpenLineageCompositeTransport>(Resolve());
        Assert.True(composite.ContinueOnFailure);
        Assert.Equal([typeof(OpenLineageFileTransport), typeof(OpenLineageConsoleTransport)], composite.Transports.Select(t => t.GetType()));
    }

    [Theory]
    [InlineData("transport:\n  type: kafka\n", "line 2", "'transport.type: kafka' is not a transport this library has")]
    [InlineData("transport:\n  url: http://m:5000\n", "line 2", "'transport' has no 'type'")]
    [InlineData("transport:\n  type: http\n", "line 2", "http transport without a 'url'")]
    [InlineData("transport:\n  type: http\n  url: marquez\n", "line 3", "'transport.url: marquez' is not an absolute URL")]
    [InlineData("transport:\n  type: http\n  url: http://m:5000\n  timeout: soon\n", "line 4", "'transport.timeout: soon' is not a number")]
    [InlineData("transport:\n  type: http\n  url: http://m:5000\n  timeout: 0\n", "", "timeout must be positive")]
    [InlineData("transport:\n  type: http\n  url: http://m:5000\n  timeout: 100000\n", "", "out of range")]
    [InlineData("transport:\n  type: http\n  url: http://m:5000\n  auth:\n    type: jwt\n", "line 5", "'transport.auth.type: jwt' is not supported (api_key)")]
    [InlineData("transport:\n  type: http\n  url: http://m:5000\n  compression: brotli\n", "line 4", "'transport.compression: brotli' is not supported")]
    [InlineData("transport:\n  type: file\n  log_file_path: e.jsonl\n  append: false\n", "line 4", "'transport.append: false' (a new file per event) is not supported")]
    [InlineData("transport:\n  type: composite\n  transports: []\n", "line 2", "'transport.transports' is empty")]
    [InlineData("transport:\n  type: composite\n  transports:\n    - type: ftp\n", "line 4", "'transport.transports[0].type: ftp'")]
    [InlineData("transport: [http\n", "line", "is not valid YAML")]
    public void A_wrong_value_is_an_error_naming_the_file_the_line_and_the_key(string yaml, string line, string message)
    {
        var file = WriteYaml("work/openlineage.yml", yaml);

        var thrown = Assert.Throws<OpenLineageConfigurationException>(() => Resolve());

        Assert.Contains(file, thrown.Message);
        Assert.Contains(line, thrown.Message);
        Assert.Contains(message, thrown.Message);
    }

    [Fact]
    public void OPENLINEAGE_URL_that_is_not_a_url_is_an_error_naming_the_variable()
    {
        _variables["OPENLINEAGE_URL"] = "marquez:5000/x y";

        var thrown = Assert.Throws<OpenLineageConfigurationException>(() => Resolve());

        Assert.Contains("OPENLINEAGE_URL", thrown.Message);
    }

    [Fact]
    public async Task A_composite_from_the_file_sends_to_the_server_and_writes_the_file()
    {
        await using var server = await LineageServer.StartAsync();
        WriteYaml("work/openlineage.yml", $"""
            transport:
              type: composite
              transports:
                - type: http
                  url: {server.Url}
                  auth:
                    type: api_key
                    apiKey: team-key
                - type: file
                  log_file_path: lineage/events.jsonl
            """);
        var transport = Resolve().Transport;
        var start = TestPipelines.Create([], []).Capture().StartEvent();

        transport.Emit(start);
        ((IDisposable)transport).Dispose();

        Assert.Equal([start.ToJson()], server.Store.Events);
        Assert.Equal("Bearer team-key", Assert.Single(server.Store.Requests).Authorization);
        Assert.Equal([start.ToJson()], File.ReadAllLines(Path.Combine(WorkingDirectory, "lineage", "events.jsonl")));
    }

    [Fact]
    public async Task FlushSpools_sends_the_spool_of_the_configured_http_transport_inside_a_composite()
    {
        await using var server = await LineageServer.StartAsync();
        WriteYaml("work/openlineage.yml", $"""
            transport:
              type: composite
              transports:
                - type: console
                - type: http
                  url: {server.Url}
            """);
        var start = TestPipelines.Create([], []).Capture().StartEvent();
        _temp.WriteFile("work/lineage/openlineage.spool.jsonl", start.ToJson() + "\n");

        var flush = OpenLineageTransports.FlushSpools(Resolve().Transport);

        Assert.Equal((1, 0, 0), (flush.Sent, flush.Rejected, flush.Remaining));
        Assert.Equal([start.ToJson()], server.Store.Events);
        Assert.Equal(0, OpenLineageTransports.FlushSpools(Resolve().Transport).Sent);
    }

    [Fact]
    public void Broken_configuration_files_give_a_configuration_error_or_a_transport_never_another_exception()
    {
        const string Valid = """
            transport:
              type: composite
              continue_on_failure: true
              transports:
                - type: http
                  url: http://m:5000
                  endpoint: api/v1/lineage
                  timeout: 2
                  compression: gzip
                  auth: {type: api_key, apiKey: k}
                  retry: {total: 2, backoff_factor: 0.5}
                - type: file
                  log_file_path: lineage/events.jsonl
                - type: console
            """;
        const string Alphabet = " :-\n\t{}[],'\"#&*!|>%@`0123456789abctxyz";
        var random = new Random(20261204);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 400; i++)
        {
            var text = new System.Text.StringBuilder(Valid);
            for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, 1); break;
                    case 1: text.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: text[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }
            }

            WriteYaml("work/openlineage.yml", text.ToString());
            string outcome;
            try
            {
                using var transport = Resolve().Transport as IDisposable;
                outcome = "transport";
            }
            catch (OpenLineageConfigurationException)
            {
                outcome = "configuration error";
            }

            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Both kinds occur, so the mutations exercise the reader rather than always breaking the file.
        Assert.True(outcomes.GetValueOrDefault("transport") > 0 && outcomes.GetValueOrDefault("configuration error") > 0, string.Join(", ", outcomes));
    }
}
