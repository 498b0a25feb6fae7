"""simverse.agents"""
