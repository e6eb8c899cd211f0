-- Question: What is the collection mostly about? (articles per main IPTC Media Topic)
SELECT topic,
       qcode,
       sum(main_topic_articles) AS articles
FROM topic_counts_by_day
GROUP BY topic_id, topic, qcode
HAVING sum(main_topic_articles) > 0
ORDER BY articles DESC, topic;
