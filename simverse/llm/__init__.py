"""simverse.llm"""
