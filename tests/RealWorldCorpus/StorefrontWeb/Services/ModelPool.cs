using System;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace StorefrontWeb.Services;

/// <summary>
/// A small PredictionEnginePool: PredictionEngine is not thread-safe, so each request borrows one and returns it.
/// Reload() swaps in a model the retrainer wrote.
/// </summary>
public sealed class ModelPool
{
    private readonly MLContext _ml;
    private readonly ModelOptions _options;
    private readonly ConcurrentBag<PredictionEngine<SessionFeatures, IntentPrediction>> _engines = new();
    private ITransformer _model;

    public ModelPool(MLContext ml, IOptions<ModelOptions> options)
    {
        _ml = ml;
        _options = options.Value;
        _model = _ml.Model.Load(_options.ModelPath, out _);
    }

    public ITransformer Model => _model;

    public void Reload()
    {
        _model = _ml.Model.Load(_options.ModelPath, out _);
        _engines.Clear();
    }

    public T Use<T>(Func<PredictionEngine<SessionFeatures, IntentPrediction>, T> score)
    {
        if (!_engines.TryTake(out var engine))
            engine = _ml.Model.CreatePredictionEngine<SessionFeatures, IntentPrediction>(_model);
        try
        {
            return score(engine);
        }
        finally
        {
            if (_engines.Count < _options.PoolSize)
                _engines.Add(engine);
        }
    }
}

public sealed class ModelOptions
{
    public const string Section = "IntentModel";

    /// <summary>The deployed model, e.g. /srv/models/intent-2024.11.3.zip; the deployment pins it.</summary>
    public string ModelPath { get; set; } = "";

    public int PoolSize { get; set; } = 8;
}
