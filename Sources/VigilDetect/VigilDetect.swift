// The detect stage: log template mining and metric anomaly detection.
