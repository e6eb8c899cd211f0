-- Question: How does coverage of each topic change from week to week?
-- Weeks start on Monday (UTC). Articles without a publication date are left out.
SELECT date_trunc('week', day)::date AS week,
       topic,
       qcode,
       sum(articles) AS articles,
       sum(main_topic_articles) AS main_topic_articles
FROM topic_counts_by_day
WHERE day IS NOT NULL
GROUP BY date_trunc('week', day)::date, topic_id, topic, qcode
ORDER BY week, articles DESC, topic;
