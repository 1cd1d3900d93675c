using System.Collections.Generic;
using System.Linq;
using Microsoft.ML;

namespace StorefrontWeb.Services;

/// <summary>Scores one session, or a batch of sessions at once for the marketing export.</summary>
public sealed class IntentScorer
{
    private readonly MLContext _ml;
    private readonly ModelPool _pool;

    public IntentScorer(MLContext ml, ModelPool pool)
    {
        _ml = ml;
        _pool = pool;
    }

    public IntentPrediction Score(SessionFeatures session) => _pool.Use(engine => engine.Predict(session));

    public IReadOnlyList<IntentPrediction> ScoreBatch(IEnumerable<SessionFeatures> sessions)
    {
        var view = _ml.Data.LoadFromEnumerable(sessions);
        var scored = _pool.Model.Transform(view);
        return _ml.Data.CreateEnumerable<IntentPrediction>(scored, reuseRowObject: false).ToList();
    }
}
